#include "fork_probe.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace unroot::testing {
namespace {

std::string drain(int fd) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  return text;
}

int decode(int wstatus) {
  if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) return 128 + WTERMSIG(wstatus);
  return -1;
}

ChildResult fork_with_pipes(const std::function<int(int out_fd)>& body, bool redirect_stdio) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) abort();
  pid_t pid = fork();
  if (pid == 0) {
    close(out[0]);
    close(err[0]);
    if (redirect_stdio) {
      dup2(out[1], 1);
      dup2(err[1], 2);
    }
    _exit(body(out[1]));
  }
  close(out[1]);
  close(err[1]);
  ChildResult result;
  result.out = drain(out[0]);
  result.err = drain(err[0]);
  close(out[0]);
  close(err[0]);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  result.status = decode(wstatus);
  return result;
}

}  // namespace

ChildResult run_in_child(const std::function<int(int out_fd)>& body) {
  return fork_with_pipes(body, false);
}

ChildResult run_program(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  return fork_with_pipes(
      [&](int) {
        for (const auto& kv : env) putenv(strdup(kv.c_str()));
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        return 99;
      },
      true);
}

std::string status_field(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      std::string value = line.substr(field.size() + 1);
      size_t start = value.find_first_not_of(" \t");
      return start == std::string::npos ? "" : value.substr(start);
    }
  }
  return "<missing>";
}

void write_text(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> directory_entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* listing = opendir(dir.c_str());
  if (!listing) return names;
  while (dirent* entry = readdir(listing)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(listing);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    if (!line.empty()) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/unroot-test-XXXXXX";
  path_ = mkdtemp(tmpl);
  chmod(path_.c_str(), 0755);
}

TempDir::~TempDir() {
  std::string cmd = "rm -rf '" + path_ + "'";
  if (system(cmd.c_str()) != 0) return;
}

std::string TempDir::write(const std::string& name, const std::string& text, int mode) const {
  std::string file = path_ + "/" + name;
  for (size_t slash = name.find('/'); slash != std::string::npos;
       slash = name.find('/', slash + 1)) {
    mkdir((path_ + "/" + name.substr(0, slash)).c_str(), 0755);
  }
  std::ofstream(file) << text;
  chmod(file.c_str(), static_cast<mode_t>(mode));
  return file;
}

}  // namespace unroot::testing
