#include "audit/sudo_config.h"

#include <algorithm>

namespace unroot {
namespace {

void add_sudoers(const ConfigFiles& files, const std::string& path, const SudoSubject& subject,
                 SudoFacts& facts, int depth) {
  auto text = files.read(path);
  if (!text) {
    facts.unreadable.push_back(path);
    return;
  }
  if (!*text || depth > 8) return;
  SudoersVerdict verdict = evaluate_sudoers(**text, subject);
  if (verdict.passwordless_all && facts.passwordless_rule.empty()) {
    facts.passwordless_rule = path + ":" + std::to_string(verdict.line);
  }
  auto resolve = [&](const std::string& name) {
    if (!name.empty() && name.front() == '/') return name;
    return path.substr(0, path.rfind('/') + 1) + name;
  };
  for (const std::string& file : verdict.include_files) {
    add_sudoers(files, resolve(file), subject, facts, depth + 1);
  }
  for (const std::string& dir_name : verdict.include_dirs) {
    std::string dir = resolve(dir_name);
    auto names = files.list(dir);
    if (!names) {
      facts.unreadable.push_back(dir);
      continue;
    }
    if (!*names) continue;
    std::vector<std::string> read;
    for (const std::string& name : **names) {
      // sudo skips names with a dot or ending in '~' (editor and package leftovers).
      if (!name.empty() && name.find('.') == std::string::npos && name.back() != '~') {
        read.push_back(name);
      }
    }
    std::sort(read.begin(), read.end());
    for (const std::string& name : read) {
      std::string file = dir;
      file.append("/").append(name);
      add_sudoers(files, file, subject, facts, depth + 1);
    }
  }
}

}  // namespace

SudoFacts inspect_sudo_config(const ConfigFiles& files, const SudoSubject& subject) {
  SudoFacts facts;
  std::vector<std::string> seen;
  for (const char* program : {"/usr/bin/sudo", "/usr/sbin/sudo", "/usr/local/bin/sudo", "/bin/sudo",
                              "/usr/bin/doas", "/usr/local/bin/doas", "/bin/doas"}) {
    auto key = files.regular_file(program);
    if (key && std::find(seen.begin(), seen.end(), *key) == seen.end()) {
      seen.push_back(*key);
      facts.programs.emplace_back(program);
    }
  }
  add_sudoers(files, "/etc/sudoers", subject, facts, 0);
  for (const char* path : {"/etc/doas.conf", "/usr/local/etc/doas.conf"}) {
    auto text = files.read(path);
    if (!text) {
      facts.unreadable.emplace_back(path);
      continue;
    }
    if (!*text) continue;
    int line = doas_passwordless_all(**text, subject);
    if (line && facts.passwordless_rule.empty()) {
      facts.passwordless_rule = std::string(path) + ":" + std::to_string(line);
    }
  }
  return facts;
}

}  // namespace unroot
