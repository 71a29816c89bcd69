#include "image/image_audit.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "image/audit_report.h"
#include "image_fixture.h"
#include "tar_builder.h"

namespace unroot::image {
namespace {

using testing::docker_archive;
using testing::TarBuilder;

const char kPasswd[] =
    "root:x:0:0:root:/root:/bin/sh\n"
    "app:x:10001:10001::/home/app:/bin/sh\n";
const char kGroup[] = "root:x:0:\napp:x:10001:\n";

// A small base: busybox's shell, the accounts, app's home, /tmp.
std::string base_layer() {
  return TarBuilder()
      .dir("bin")
      .file("bin/sh",
            "\x7f"
            "ELF",
            0755)
      .dir("etc")
      .file("etc/passwd", kPasswd)
      .file("etc/group", kGroup)
      .dir("home/app", 0755, 10001)
      .dir("root", 0700)
      .raw({"tmp", '5', 01777, 0, 0, "",
            std::string("ustar\0"
                        "00",
                        8)},
           "")
      .dir("usr/local/bin")
      .done();
}

std::string config(const std::string& user, const std::string& entrypoint, const std::string& cmd) {
  return R"({"config":{"User":")" + user + R"(","Entrypoint":)" + entrypoint + R"(,"Cmd":)" + cmd +
         R"(,"Env":["PATH=/usr/local/bin:/usr/bin:/bin"]},"rootfs":{"diff_ids":[]}})";
}

std::vector<AuditFinding> audit(const std::string& cfg, std::vector<std::string> layers) {
  layers.insert(layers.begin(), base_layer());
  std::string archive = docker_archive(cfg, layers);
  MemorySource source(archive);
  auto image = read_image_archive(source, "t.tar", LayerLimits{});
  EXPECT_TRUE(image) << image.error().message();
  if (!image) return {};
  return audit_image(*image);
}

std::vector<std::string> ids(const std::vector<AuditFinding>& findings,
                             lint::Severity at_least = lint::Severity::kInfo) {
  std::vector<std::string> out;
  for (const AuditFinding& f : findings) {
    if (f.severity >= at_least) out.push_back(f.id + ":" + lint::severity_name(f.severity));
  }
  return out;
}

const AuditFinding* find(const std::vector<AuditFinding>& findings, const std::string& id) {
  for (const AuditFinding& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

TEST(ImageAudit, AGosuStyleEntrypointIsReportedAsDropping) {
  auto findings =
      audit(config("", R"(["docker-entrypoint.sh"])", R"(["server"])"),
            {TarBuilder()
                 .file("usr/local/bin/docker-entrypoint.sh",
                       "#!/bin/sh\nset -e\nif [ \"$1\" = server ] && [ \"$(id -u)\" = 0 ]; then\n"
                       "  chown -R app /data\n  exec gosu app \"$0\" \"$@\"\nfi\nexec \"$@\"\n",
                       0755)
                 .file("usr/local/bin/gosu",
                       "\x7f"
                       "ELF",
                       0755)
                 .done()});
  EXPECT_EQ(ids(findings), (std::vector<std::string>{"entrypoint.drop:info",
                                                     "entrypoint.kernel_surface:warning"}));
  EXPECT_NE(find(findings, "entrypoint.drop")->message.find("drops to 'app' with gosu"),
            std::string::npos);
  EXPECT_EQ(find(findings, "entrypoint.kernel_surface")->message.substr(0, 64),
            "the entrypoint drops with gosu, which filters no system call: us");
}

TEST(ImageAudit, ARootServerIsAnError) {
  auto findings = audit(config("", "null", R"(["/usr/sbin/server"])"), {TarBuilder()
                                                                            .file("usr/sbin/server",
                                                                                  "\x7f"
                                                                                  "ELF",
                                                                                  0755)
                                                                            .done()});
  // As check fails writable_sensitive for a process that is root.
  EXPECT_EQ(ids(findings),
            (std::vector<std::string>{"identity.root:error", "writable_sensitive:error"}));
}

TEST(ImageAudit, AScriptWhoseDropCannotBeDecidedIsAWarning) {
  auto findings = audit(
      config("", R"(["/start.sh"])", "null"),
      {TarBuilder()
           .file("start.sh",
                 "#!/bin/sh\nif [ -f /config/$HOST ]; then exec gosu app \"$@\"; fi\nexec \"$@\"\n",
                 0755)
           .done()});
  EXPECT_EQ(ids(findings), std::vector<std::string>{"identity.root:warning"});
}

TEST(ImageAudit, ACleanNumericUserHasOnlyTheKernelSurfaceOpen) {
  auto findings = audit(config("10001", "null", R"(["/usr/local/bin/server"])"),
                        {TarBuilder()
                             .file("usr/local/bin/server",
                                   "\x7f"
                                   "ELF",
                                   0755)
                             .done()});
  EXPECT_EQ(ids(findings), std::vector<std::string>{"entrypoint.kernel_surface:warning"});
  EXPECT_EQ(find(findings, "entrypoint.kernel_surface")->message.substr(0, 60),
            "nothing on the way to the application applies a kernel-surfa");
}

TEST(ImageAudit, ASetuidFileRemovedByALaterLayerIsNotReported) {
  std::string added = TarBuilder()
                          .file("usr/bin/helper",
                                "\x7f"
                                "ELF",
                                04755)
                          .done();
  std::string removed = TarBuilder().file("usr/bin/.wh.helper", "").done();
  auto cfg = config("app", "null", R"(["/bin/sh"])");
  EXPECT_EQ(ids(audit(cfg, {added})),
            (std::vector<std::string>{"entrypoint.kernel_surface:warning", "setuid_files:error"}));
  EXPECT_EQ(ids(audit(cfg, {added, removed})),
            std::vector<std::string>{"entrypoint.kernel_surface:warning"});
  // Behind unroot's drop no_new_privs is on: the same file is a warning.
  auto dropped = audit(config("", R"(["unroot","exec","app","--"])", R"(["/bin/sh"])"),
                       {added, TarBuilder()
                                   .file("usr/local/bin/unroot",
                                         "\x7f"
                                         "ELF",
                                         0755)
                                   .done()});
  EXPECT_EQ(find(dropped, "setuid_files")->severity, lint::Severity::kWarning);
}

TEST(ImageAudit, APlantedNopasswdRuleIsReportedWhereItIs) {
  auto findings =
      audit(config("app", "null", R"(["/bin/sh"])"),
            {TarBuilder()
                 .file("usr/bin/sudo",
                       "\x7f"
                       "ELF",
                       0755)
                 .file("etc/sudoers", "root ALL=(ALL) ALL\n#includedir /etc/sudoers.d\n", 0440)
                 .file("etc/sudoers.d/app", "# planted\napp ALL=(ALL) NOPASSWD: ALL\n", 0440)
                 .done()});
  const AuditFinding* sudo = find(findings, "sudo");
  ASSERT_NE(sudo, nullptr);
  EXPECT_EQ(sudo->severity, lint::Severity::kError);
  EXPECT_EQ(sudo->path, "/etc/sudoers.d/app");
  EXPECT_EQ(sudo->line, 2);
  EXPECT_EQ(sudo->layer, "l1/layer.tar");  // no diff_ids in this config: the member names it
}

TEST(ImageAudit, AccountsThatDoNotAddUp) {
  auto missing = audit(config("ghost", "null", R"(["/bin/sh"])"), {});
  EXPECT_EQ(ids(missing), std::vector<std::string>{"user.missing:error"});
  auto alias =
      audit(config("10001", "null", R"(["/bin/sh"])"),
            {TarBuilder()
                 .file("etc/passwd",
                       std::string(kPasswd) +
                           "toor:x:0:0::/root:/bin/sh\nweb:x:10002:10002::/nohome:/bin/zsh\n")
                 .done()});
  EXPECT_EQ(find(alias, "user.uid0_alias")->line, 3);
  auto homeless =
      audit(config("web", "null", R"(["/bin/sh"])"),
            {TarBuilder()
                 .file("etc/passwd", std::string(kPasswd) + "web:x:10002:10002::/nohome:/bin/zsh\n")
                 .done()});
  EXPECT_EQ(ids(homeless), (std::vector<std::string>{"entrypoint.kernel_surface:warning",
                                                     "user.home:warning", "user.shell:info"}));
}

TEST(ImageAudit, FileCapabilitiesWorldWritableAndWritableSensitivePaths) {
  std::string raw_net(20, '\0');
  raw_net[3] = 0x02;  // VFS_CAP_REVISION_2
  raw_net[5] = 0x20;  // cap_net_raw (13): permitted bit 13
  std::string raw_admin(20, '\0');
  raw_admin[3] = 0x02;
  raw_admin[6] = 0x20;  // cap_sys_admin (21)
  auto findings = audit(config("app", "null", R"(["/bin/sh"])"),
                        {TarBuilder()
                             .pax({{"SCHILY.xattr.security.capability", raw_net}})
                             .file("usr/bin/ping",
                                   "\x7f"
                                   "ELF",
                                   0755)
                             .pax({{"SCHILY.xattr.security.capability", raw_admin}})
                             .file("usr/bin/admin",
                                   "\x7f"
                                   "ELF",
                                   0755)
                             .raw({"srv/shared", '5', 0777, 0, 0, "",
                                   std::string("ustar\0"
                                               "00",
                                               8)},
                                  "")
                             .raw({"usr/local/bin", '5', 0755, 10001, 0, "",
                                   std::string("ustar\0"
                                               "00",
                                               8)},
                                  "")
                             .done()});
  EXPECT_EQ(ids(findings),
            (std::vector<std::string>{"entrypoint.kernel_surface:warning", "file_caps:error",
                                      "file_caps:warning", "world_writable:warning",
                                      "writable_sensitive:error"}));
  EXPECT_NE(find(findings, "file_caps")->message.find("cap_sys_admin"), std::string::npos);
  EXPECT_EQ(find(findings, "writable_sensitive")->path, "/usr/local/bin");
}

TEST(ImageAudit, TheApplicationsUserOwningTheApplication) {
  auto script = audit(config("app", "null", R"(["/bin/sh", "/srv/app/run.sh"])"),
                      {TarBuilder()
                           .dir("srv/app")
                           .file("srv/app/run.sh", "#!/bin/sh\nexec server\n", 0755, 10001, 10001)
                           .done()});
  EXPECT_EQ(ids(script), (std::vector<std::string>{"entrypoint.kernel_surface:warning",
                                                   "app_writable:warning"}));
  // PID 1's own program is one of check's sensitive paths.
  auto program = audit(config("app", "null", R"(["/srv/app/run"])"), {TarBuilder()
                                                                          .dir("srv/app")
                                                                          .file("srv/app/run",
                                                                                "\x7f"
                                                                                "ELF",
                                                                                0755, 10001, 10001)
                                                                          .done()});
  EXPECT_EQ(ids(program), (std::vector<std::string>{"entrypoint.kernel_surface:warning",
                                                    "writable_sensitive:error"}));
}

TEST(ImageAudit, UnrootItselfItsVersionAndRole) {
  std::string binary =
      "\x7f"
      "ELF" +
      std::string(100, '\0') + "unroot 1.2.3 (abcdef012345, amd64)\n";
  auto findings = audit(config("", R"(["unroot","init","--user","app","--"])", R"(["/bin/sh"])"),
                        {TarBuilder().file("usr/local/bin/unroot", binary, 0755).done()});
  const AuditFinding* unroot = find(findings, "unroot");
  ASSERT_NE(unroot, nullptr);
  EXPECT_EQ(unroot->message,
            "unroot 1.2.3 (abcdef012345, amd64) at /usr/local/bin/unroot: the container starts it");
  EXPECT_NE(find(findings, "entrypoint.drop")->message.find("unroot init"), std::string::npos);
}

// An unroot binary of VERSION at /usr/local/bin/unroot, as its version line reads.
std::string unroot_layer(const std::string& version) {
  return TarBuilder()
      .file("usr/local/bin/unroot",
            "\x7f"
            "ELF" +
                std::string(100, '\0') + "unroot " + version + " (abcdef012345, amd64)\n",
            0755)
      .done();
}

std::string kernel_surface_of(const std::string& entrypoint, const std::string& version,
                              const std::string& env = "") {
  std::string cfg = config("", entrypoint, R"(["/bin/sh"])");
  if (!env.empty()) {
    cfg.replace(cfg.find(R"("PATH=)"), 0, "\"" + env + "\",");
  }
  auto findings = audit(cfg, {unroot_layer(version)});
  const AuditFinding* f = find(findings, "entrypoint.kernel_surface");
  return f ? std::string(lint::severity_name(f->severity)) + ": " + f->message : "none";
}

TEST(ImageAudit, WhetherTheEntrypointAppliesTheKernelSurfaceProfile) {
  EXPECT_EQ(kernel_surface_of(R"(["unroot","exec","app"])", "0.2.0"),
            "info: the entrypoint's unroot refuses every group of the kernel-surface profile");
  EXPECT_EQ(kernel_surface_of(R"(["unroot","init","--allow","ptrace","--user","app","--"])",
                              "0.2.0", "UNROOT_ALLOW=perf,io_uring"),
            "info: the entrypoint's unroot refuses namespaces,keyring,bpf,userfaultfd,personality "
            "and lifts perf,io_uring,ptrace (--allow and UNROOT_ALLOW)");
  EXPECT_EQ(
      kernel_surface_of(R"(["unroot","exec","--allow-escalation","app"])", "0.2.0").substr(0, 78),
      "warning: the entrypoint runs unroot with --allow-escalation, which loads no ke");
  EXPECT_EQ(kernel_surface_of(R"(["unroot","exec","app"])", "0.1.0").substr(0, 75),
            "warning: the entrypoint drops through unroot 0.1.0, which predates the kern");
  EXPECT_EQ(kernel_surface_of(R"(["unroot","exec","app"])", "0.2.0", "UNROOT_ALLOW=userns"),
            "error: the entrypoint's unroot is asked (UNROOT_ALLOW) to lift an unknown system call "
            "group \"userns\": the container does not start");
  // The command's own --allow after -- is not unroot's.
  EXPECT_EQ(kernel_surface_of(R"(["unroot","exec","app","--","prog","--allow","all"])", "0.2.0"),
            "info: the entrypoint's unroot refuses every group of the kernel-surface profile");
  // An application that runs as root is identity.root's finding alone.
  EXPECT_EQ(kernel_surface_of(R"(["unroot","exec","root"])", "0.2.0"), "none");
}

// The entrypoint.writes findings of an image whose entrypoint is ENTRYPOINT,
// with /data in it: "severity: message" lines.
std::vector<std::string> writes_of(const std::string& entrypoint, const std::string& env = "") {
  std::string cfg = config("", entrypoint, R"(["/bin/sh"])");
  if (!env.empty()) cfg.replace(cfg.find(R"("PATH=)"), 0, "\"" + env + "\",");
  auto findings = audit(cfg, {unroot_layer("0.2.0"), TarBuilder().dir("data", 0755, 10001).done()});
  std::vector<std::string> out;
  for (const AuditFinding& f : findings) {
    if (f.id == "entrypoint.writes")
      out.push_back(std::string(lint::severity_name(f.severity)) + ": " + f.message);
  }
  return out;
}

TEST(ImageAudit, WhetherTheEntrypointFencesWrites) {
  EXPECT_EQ(writes_of(R"(["unroot","exec","app"])"),
            std::vector<std::string>{"info: the entrypoint's unroot does not fence writes: the "
                                     "application writes wherever file permissions let it"});
  EXPECT_EQ(
      writes_of(R"(["unroot","exec","--write","/data","app"])", "UNROOT_WRITE=/cache"),
      (std::vector<std::string>{
          "warning: the entrypoint's unroot fences writes to /cache, which the image does not "
          "have: the start fails unless something creates it first",
          "info: the entrypoint's unroot fences writes to /data, /cache, /tmp and the usual "
          "devices"}));
  EXPECT_EQ(
      writes_of(R"(["unroot","exec","--write=/data","app","--","cmd","--write","/x"])"),
      std::vector<std::string>{
          "info: the entrypoint's unroot fences writes to /data, /tmp and the usual devices"});
  // Another drop tool fences nothing, and says nothing of --write.
  EXPECT_TRUE(writes_of(R"(["gosu","app"])").empty());
}

TEST(ImageAudit, ReportsInLintsThreeForms) {
  std::string archive = docker_archive(config("ghost", "null", R"(["/bin/sh"])"), {base_layer()});
  MemorySource source(archive);
  auto image = read_image_archive(source, "t.tar", LayerLimits{});
  ASSERT_TRUE(image);
  AuditedImage audited{"t.tar", &*image, audit_image(*image)};
  EXPECT_EQ(render_audit_text(audited).substr(0, 40), "t.tar:/etc/passwd user.missing error the");
  auto json = nlohmann::json::parse(render_audit_json(audited));
  EXPECT_EQ(json["user"], "ghost");
  EXPECT_EQ(json["findings"][0]["id"], "user.missing");
  EXPECT_EQ(json["findings"][0]["path"], "/etc/passwd");
  auto sarif = nlohmann::json::parse(render_audit_sarif(audited, "1.0"));
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["results"][0]["ruleId"], "user.missing");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "etc/passwd");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "IMAGEROOT");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), audit_catalog().size());
}

}  // namespace
}  // namespace unroot::image
