#include <gtest/gtest.h>

#include <deque>

#include "dockerfile/parser.h"
#include "fork_probe.h"
#include "lint/build_model.h"
#include "lint/engine.h"
#include "lint/startup.h"
#include "tar_builder.h"

namespace unroot::lint {
namespace {

BuildModel model_of(std::string_view text, BaseImageLookup lookup = {}) {
  static std::deque<dockerfile::Dockerfile> keep;  // steps point into their file
  auto parsed = dockerfile::parse_dockerfile(text);
  EXPECT_TRUE(parsed);
  keep.push_back(*parsed);
  return build_model(keep.back(), {std::move(lookup), ""});
}

TEST(BuildModel, EffectiveUserThroughStagesAndWhereItWasSet) {
  BuildModel model =
      model_of("FROM debian AS base\nUSER 10001\nFROM base AS next\nRUN true\nFROM next\n");
  ASSERT_EQ(model.stages.size(), 3u);
  EXPECT_EQ(model.stages[1].steps[0].user.user, "10001");
  EXPECT_EQ(model.stages[1].steps[0].user.source, EffectiveUser::Source::kParentStage);
  EXPECT_EQ(model.stages[2].final_user.origin(),
            "inherited from stage base, set by USER at line 2");
  EXPECT_EQ(model.stages[0].final_user.origin(), "set by USER at line 2");
}

TEST(BuildModel, UnknownBaseAssumesRootAndSaysSo) {
  BuildModel model = model_of("FROM example/app:1\nRUN true\n");
  const EffectiveUser& user = model.stages[0].final_user;
  EXPECT_TRUE(user.is_root());
  EXPECT_TRUE(user.assumed);
  EXPECT_NE(user.origin().find("example/app:1 is unknown"), std::string::npos);
  EXPECT_FALSE(model.stages[0].entrypoint.known);
}

TEST(BuildModel, BaseImageFactsComeFromTheLookup) {
  auto lookup = [](const std::string& reference) -> std::optional<BaseImage> {
    if (reference != "example/base:1") return std::nullopt;
    return BaseImage{
        "app", {"/entry"}, {"run"}, "root:x:0:0::/:/bin/sh\napp:x:10001:10001::/:/bin/sh\n", ""};
  };
  BuildModel model = model_of("ARG TAG=1\nFROM example/base:${TAG}\nRUN apt-get update\n", lookup);
  const Stage& stage = model.stages[0];
  EXPECT_EQ(stage.base, "example/base:1");
  EXPECT_TRUE(stage.base_image.has_value());
  EXPECT_EQ(stage.steps[0].user.user, "app");
  EXPECT_EQ(stage.steps[0].user.origin(), "the base image example/base:1's user");
  ASSERT_EQ(stage.base_users.size(), 2u);
  EXPECT_EQ(stage.base_users[1].id, 10001u);
  EXPECT_EQ(stage.entrypoint.words, std::vector<std::string>{"/entry"});
}

TEST(BuildModel, AccountsComeFromWhatTheBuildPutsInEtc) {
  auto names = [](const std::vector<Account>& accounts) {
    std::vector<std::string> out;
    for (const Account& a : accounts) out.push_back(a.name);
    return out;
  };
  // The builder's accounts travel with its /etc/passwd into scratch.
  BuildModel copied = model_of(
      "FROM scratch AS build\nCOPY <<EOF /etc/passwd\nroot:x:0:0::/:/x\nEOF\n"
      "RUN useradd -u 10001 app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\n");
  EXPECT_EQ(names(copied.stages[1].users), (std::vector<std::string>{"root", "app"}));
  EXPECT_TRUE(copied.stages[1].accounts_known);
  // From a base the engine does not know: the accounts named are there, others may be.
  BuildModel unknown = model_of(
      "FROM debian AS build\nRUN useradd app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/\n");
  EXPECT_EQ(names(unknown.stages[1].users), (std::vector<std::string>{"app"}));
  EXPECT_FALSE(unknown.stages[1].accounts_known);
  // An unpacked root filesystem: nothing is known about its accounts.
  BuildModel unpacked = model_of("FROM scratch\nADD rootfs.tar.gz /\n");
  EXPECT_FALSE(unpacked.stages[0].accounts_known);
  // Another image's account files, when the engine answers.
  auto lookup = [](const std::string& reference) -> std::optional<BaseImage> {
    if (reference != "example/users:1") return std::nullopt;
    return BaseImage{"", {}, {}, "nobody:x:65534:65534::/:/x\n", "nogroup:x:65534:\n"};
  };
  BuildModel imported =
      model_of("FROM scratch\nCOPY --from=example/users:1 /etc/passwd /etc/passwd\n", lookup);
  EXPECT_EQ(names(imported.stages[0].users), (std::vector<std::string>{"nobody"}));
  EXPECT_TRUE(imported.stages[0].accounts_known);
}

TEST(BuildModel, AnUnresolvedBaseIsShownAsWrittenAndNotLookedUp) {
  std::vector<std::string> asked;
  auto lookup = [&](const std::string& reference) -> std::optional<BaseImage> {
    asked.push_back(reference);
    return std::nullopt;
  };
  const std::string unresolved = " (unresolved: an ARG without a value)";
  for (const char* from : {"${NAME}", "alpine:${TAG}", "${REGISTRY}/app:1", "${BASE}-ftl",
                           "repo/${IMAGE}:${TAG}", "app@${DIGEST}"}) {
    BuildModel model = model_of(
        "ARG NAME\nARG TAG\nARG REGISTRY\nARG BASE\nARG IMAGE\nARG "
        "DIGEST\nFROM " +
            std::string(from) + "\n",
        lookup);
    EXPECT_EQ(model.stages[0].base, from + unresolved);
    EXPECT_NE(model.stages[0].final_user.origin().find(from + unresolved), std::string::npos);
  }
  EXPECT_TRUE(asked.empty());
  BuildModel resolved = model_of("ARG TAG=3.19\nARG R\nFROM ${R}alpine:${TAG}\n", lookup);
  EXPECT_EQ(resolved.stages[0].base, "alpine:3.19");
  EXPECT_EQ(asked, std::vector<std::string>{"alpine:3.19"});
}

TEST(BuildModel, AccountsCreatedWithTheirIdsAndLines) {
  BuildModel model = model_of(
      "FROM debian\nRUN groupadd -g 2000 grp && useradd -u 1000 -g grp -m app\n"
      "RUN adduser -D -u 3000 bob && addgroup bob grp\n"
      "RUN echo 'svc:x:4000:4000::/:/bin/sh' >> /etc/passwd\n");
  const Stage& stage = model.stages[0];
  std::vector<std::string> users;
  for (const Account& a : stage.users)
    users.push_back(a.name + ":" + std::to_string(a.id.value_or(0)) + "@" + std::to_string(a.line));
  EXPECT_EQ(users, (std::vector<std::string>{"app:1000@2", "bob:3000@3", "svc:4000@4"}));
  std::vector<std::string> groups;
  for (const Account& a : stage.groups) groups.push_back(a.name);
  EXPECT_EQ(groups, (std::vector<std::string>{"grp", "bob"}));
}

TEST(PrivilegeDrop, RecognisesEachToolAndNotLookalikes) {
  auto drop = [](std::string_view script) {
    for (const SimpleCommand& command : split_shell(script)) {
      std::string tool = privilege_drop_tool(command);
      if (!tool.empty()) return tool;
    }
    return std::string();
  };
  EXPECT_EQ(drop("/unroot exec app -- x"), "unroot exec");
  EXPECT_EQ(drop("unroot init --user=app -- x"), "unroot init");
  EXPECT_EQ(drop("unroot init -- x"), "");
  EXPECT_EQ(drop("tini -- gosu app x"), "gosu");
  EXPECT_EQ(drop("exec su-exec app x"), "su-exec");
  EXPECT_EQ(drop("setpriv --reuid 1 --regid 1 --clear-groups x"), "setpriv");
  EXPECT_EQ(drop("setpriv --no-new-privs x"), "");
  EXPECT_EQ(drop("chroot --userspec=1:1 / x"), "chroot --userspec");
  EXPECT_EQ(drop("chroot / x"), "");
  EXPECT_EQ(drop("chpst -u app x"), "chpst -u");
  EXPECT_EQ(drop("su -c x app"), "su -c");
  EXPECT_EQ(drop("su app"), "");
  EXPECT_EQ(drop("exec capsh --user=app --addamb=cap_net_bind_service -- -c x"), "capsh --user");
  EXPECT_EQ(drop("capsh --print"), "");
  EXPECT_EQ(drop("start-stop-daemon --start --chuid app --exec /x"), "start-stop-daemon --chuid");
  EXPECT_EQ(drop("start-stop-daemon -S -c app:app -x /x"), "start-stop-daemon --chuid");
  EXPECT_EQ(drop("start-stop-daemon --start --exec /x"), "");
  EXPECT_EQ(drop("setuidgid app x"), "setuidgid");
  EXPECT_EQ(drop("s6-applyuidgid -u 1000 -g 1000 x"), "s6-applyuidgid");
  EXPECT_EQ(drop("exec /sbin/setuser app x"), "setuser");
  EXPECT_EQ(drop("exec sudo -E -u app x"), "sudo -u");
  EXPECT_EQ(drop("sudo -u app \"$@\""), "sudo -u");
  EXPECT_EQ(drop("sudo -u www-data test -r /var/run/docker.sock"), "");
  EXPECT_EQ(drop("exec sudo --user=app x"), "sudo -u");
  EXPECT_EQ(drop("exec sudo -u root x"), "");
  EXPECT_EQ(drop("exec doas -u app x"), "doas -u");
  EXPECT_EQ(drop("sudo -E x"), "");
  EXPECT_EQ(drop("echo starting; exec /app"), "");
}

TEST(PrivilegeDrop, RootTestsAreTheGuardSpellingsOfEntrypoints) {
  auto guarded = [](std::string_view script) { return tests_for_root(split_shell(script)); };
  EXPECT_TRUE(guarded("if [ \"$(id -u)\" = '0' ]; then exec gosu app \"$0\"; fi"));
  EXPECT_TRUE(guarded("if [[ \"$(id -u)\" == \"0\" ]]; then :; fi"));
  EXPECT_TRUE(guarded("[ $EUID -ne 0 ] || exec su-exec app x"));
  EXPECT_TRUE(guarded("test \"${UID}\" = 0 && exec gosu app x"));
  EXPECT_FALSE(guarded("if [ \"$(id -u app)\" != 1000 ]; then usermod -u 1000 app; fi"));
  EXPECT_FALSE(guarded("echo $(id -u)"));
  EXPECT_FALSE(guarded("if [ \"$1\" = server ]; then exec gosu app x; fi"));
}

// The drop verdict for the last stage of `dockerfile` (its context: the golden corpus).
DropVerdict verdict_of(std::string_view dockerfile) {
  static std::deque<dockerfile::Dockerfile> keep;
  auto parsed = dockerfile::parse_dockerfile(dockerfile);
  EXPECT_TRUE(parsed);
  keep.push_back(*parsed);
  BuildModel model = build_model(keep.back(), {{}, UNROOT_GOLDEN_DIR});
  return entrypoint_drop(model, model.stages.back(), startup_of(model.stages.back()));
}

TEST(StartupCommands, LookThroughInitsAndShellsToTheCopiedScript) {
  const std::string copy = "FROM debian\nCOPY entrypoint-gosu.sh /opt/entry.sh\n";
  for (const char* entrypoint : {
           R"(["/opt/entry.sh"])",
           R"(["tini", "--", "/opt/entry.sh"])",
           R"(["/sbin/tini", "-s", "-p", "SIGTERM", "/opt/entry.sh"])",
           R"(["dumb-init", "--rewrite", "15:2", "/opt/entry.sh"])",
           R"(["catatonit", "-g", "--", "bash", "/opt/entry.sh"])",
           R"(["unroot", "init", "--grace", "3", "--", "/opt/entry.sh"])",
           R"(["/bin/sh", "-e", "/opt/entry.sh"])",
           R"(["bash", "-o", "pipefail", "/opt/entry.sh"])",
           R"(["sh", "-c", "exec /opt/entry.sh \"$@\""])",
       }) {
    EXPECT_EQ(verdict_of(copy + "ENTRYPOINT " + entrypoint + "\n").tool, "gosu") << entrypoint;
  }
  // The value of an option is no command: -p's SIGTERM is not the script, and
  // a script named only as an option's value is not run.
  EXPECT_EQ(verdict_of(copy + R"(ENTRYPOINT ["tini", "-p", "/opt/entry.sh"])").tool, "");
  EXPECT_EQ(verdict_of(copy + R"(ENTRYPOINT ["bash", "-o", "/opt/entry.sh"])").tool, "");
}

TEST(StartupCommands, FindTheProgramAsExecveAndDockerDo) {
  // A bare name is looked up in PATH (the stage's own, when it sets one), a
  // relative path in WORKDIR; a copy into a directory not on PATH is not found.
  EXPECT_EQ(verdict_of("FROM debian\nCOPY entrypoint-gosu.sh /usr/local/bin/entry\n"
                       "ENTRYPOINT [\"entry\"]\n")
                .tool,
            "gosu");
  EXPECT_EQ(verdict_of("FROM debian\nENV PATH=/app/bin:$PATH\n"
                       "COPY entrypoint-gosu.sh /app/bin/entry\nENTRYPOINT [\"entry\"]\n")
                .tool,
            "gosu");
  EXPECT_EQ(verdict_of("FROM debian\nWORKDIR /app\nCOPY entrypoint-gosu.sh bin/entry\n"
                       "ENTRYPOINT [\"./bin/entry\"]\n")
                .tool,
            "gosu");
  EXPECT_EQ(
      verdict_of("FROM debian\nCOPY entrypoint-gosu.sh /srv/entry\nENTRYPOINT [\"entry\"]\n").kind,
      DropVerdict::Kind::kNone);
  // Through a link made by RUN ln -s.
  EXPECT_EQ(verdict_of("FROM debian\nCOPY entrypoint-gosu.sh /usr/local/bin/\n"
                       "RUN ln -s usr/local/bin/entrypoint-gosu.sh /\n"
                       "ENTRYPOINT [\"/entrypoint-gosu.sh\"]\n")
                .tool,
            "gosu");
}

TEST(EntrypointDrop, CountsOnlyADropOnThePathToTheApplication) {
  auto verdict = [](const std::string& script, const std::string& rest = "CMD [\"server\"]\n") {
    return verdict_of("FROM debian\nCOPY <<EOF /entry.sh\n" + script + "\nEOF\n" +
                      "ENTRYPOINT [\"/entry.sh\"]\n" + rest);
  };
  using Kind = DropVerdict::Kind;
  EXPECT_EQ(verdict("set -- gosu app \"$@\"\nexec \"$@\"").kind, Kind::kDrops);
  EXPECT_EQ(
      verdict("if [ \"$(id -u)\" = 0 ]; then exec gosu app \"$0\" \"$@\"; fi\nexec \"$@\"").kind,
      Kind::kDrops);
  EXPECT_EQ(verdict("exec gosu app /usr/bin/server").kind, Kind::kDrops);
  EXPECT_EQ(verdict("exec gosu app /usr/bin/server").user, "app");
  // A drop in a branch that CMD does not take, and a side command.
  EXPECT_EQ(verdict("if [ \"$1\" = shell ]; then exec gosu app sh; fi\nexec \"$@\"").kind,
            Kind::kNone);
  EXPECT_EQ(verdict("gosu app touch /data/x\nexec \"$@\"").kind, Kind::kNone);
  // Taken when CMD asks for it.
  EXPECT_EQ(verdict("if [ \"$1\" = server ]; then exec gosu app \"$@\"; fi\nexec \"$@\"").kind,
            Kind::kDrops);
  // Gated on a variable: the image's ENV decides; unset, the default path is root.
  const std::string gated =
      "if [ -n \"$RUN_AS\" ]; then exec su-exec \"$RUN_AS\" \"$@\"; fi\n"
      "exec \"$@\"";
  EXPECT_EQ(verdict(gated).kind, Kind::kNone);
  EXPECT_EQ(verdict(gated, "ENV RUN_AS=app\nCMD [\"server\"]\n").kind, Kind::kDrops);
  EXPECT_EQ(verdict("[ -z \"${RUN_AS:-app}\" ] || exec su-exec app \"$@\"\nexec \"$@\"").kind,
            Kind::kDrops);
  // The official images' spellings: a case on "$1", [[ ]] patterns, -a, ${1:0:1}.
  EXPECT_EQ(
      verdict("case \"$1\" in\n  server|run) set -- gosu app \"$@\" ;;\nesac\nexec \"$@\"").kind,
      Kind::kDrops);
  EXPECT_EQ(verdict("case \"$1\" in\n  shell) exec gosu app sh ;;\n  *) exec \"$@\" ;;\nesac").kind,
            Kind::kNone);
  EXPECT_EQ(
      verdict("if [[ \"$1\" == serv* && \"$(id -u)\" = 0 ]]; then exec gosu app \"$0\" \"$@\"; "
              "fi\nexec \"$@\"")
          .kind,
      Kind::kDrops);
  EXPECT_EQ(verdict("if [ \"$1\" = server -a \"$(id -u)\" = 0 ]; then exec gosu app \"$0\" \"$@\"; "
                    "fi\nexec \"$@\"")
                .kind,
            Kind::kDrops);
  EXPECT_EQ(verdict("if [ \"${1:0:1}\" = - ]; then set -- server \"$@\"; fi\n"
                    "if [ \"$1\" = server ]; then exec gosu app \"$@\"; fi\nexec \"$@\"",
                    "CMD [\"--port\", \"80\"]\n")
                .kind,
            Kind::kDrops);
  // What lint cannot decide is said as such.
  DropVerdict unknown =
      verdict("if [ -f /config/drop ]; then exec gosu app \"$@\"; fi\nexec \"$@\"");
  EXPECT_EQ(unknown.kind, Kind::kUndecided);
  EXPECT_NE(unknown.reason.find("-f /config/drop"), std::string::npos) << unknown.reason;
}

TEST(EntrypointDrop, HiddenScriptsAndUnknownBasesAreUndecided) {
  using Kind = DropVerdict::Kind;
  EXPECT_EQ(verdict_of("FROM debian\nADD https://example.org/entrypoint.sh /\n"
                       "ENTRYPOINT [\"/entrypoint.sh\"]\n")
                .kind,
            Kind::kUndecided);
  EXPECT_EQ(
      verdict_of("FROM postgres:16\nCOPY entrypoint-plain.sh /docker-entrypoint-initdb.d/\n").kind,
      Kind::kUndecided);
  EXPECT_EQ(verdict_of("FROM debian\nCMD [\"python3\", \"app.py\"]\n").kind, Kind::kUndecided);
  // ENTRYPOINT [] takes the base's entrypoint away: CMD is all that runs.
  EXPECT_EQ(verdict_of("FROM debian\nENTRYPOINT []\nCMD [\"python3\", \"app.py\"]\n").kind,
            Kind::kNone);
}

TEST(EntrypointDrop, S6ServicesDropInTheirRunScripts) {
  auto parsed = dockerfile::parse_dockerfile("FROM alpine\nCOPY root/ /\nENTRYPOINT [\"/init\"]\n");
  ASSERT_TRUE(parsed);
  testing::TempDir dir;
  const std::string run = "root/etc/s6-overlay/s6-rc.d/svc-app/run";
  dir.write(run, "#!/command/with-contenv sh\nexec s6-setuidgid abc app\n");
  BuildModel model = build_model(*parsed, {{}, dir.path()});
  DropVerdict verdict =
      entrypoint_drop(model, model.stages.back(), startup_of(model.stages.back()));
  EXPECT_EQ(verdict.kind, DropVerdict::Kind::kDrops);
  EXPECT_EQ(verdict.tool, "s6-setuidgid in /etc/s6-overlay/s6-rc.d/svc-app/run");
  dir.write(run, "#!/bin/sh\nexec app\n");
  model = build_model(*parsed, {{}, dir.path()});
  EXPECT_EQ(entrypoint_drop(model, model.stages.back(), startup_of(model.stages.back())).kind,
            DropVerdict::Kind::kNone);
}

TEST(FirstFileInTar, ReadsWhatDockerCpWrites) {
  std::string tar = testing::TarBuilder().dir("etc").file("passwd", "root\n").done();
  EXPECT_EQ(first_file_in_tar(tar), "root\n");
  EXPECT_EQ(first_file_in_tar(std::string(1024, '\0')), std::nullopt);
  EXPECT_EQ(first_file_in_tar("short"), std::nullopt);
  std::string truncated = tar.substr(0, 514);
  EXPECT_EQ(first_file_in_tar(truncated), std::nullopt);
}

TEST(ParseEngine, NamesAndErrors) {
  EXPECT_EQ(*parse_engine("podman"), Engine::kPodman);
  EXPECT_FALSE(parse_engine("containerd"));
  EXPECT_FALSE(engine_lookup(Engine::kNone));
}

}  // namespace
}  // namespace unroot::lint
