#include <gtest/gtest.h>

#include "dockerfile/parser.h"

namespace unroot::dockerfile {
namespace {

Dockerfile parse_ok(std::string_view text) {
  auto parsed = parse_dockerfile(text);
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : Dockerfile{};
}

SyntaxError parse_error(std::string_view text) {
  auto parsed = parse_dockerfile(text);
  EXPECT_FALSE(parsed) << text;
  return parsed ? SyntaxError{} : parsed.error();
}

TEST(DockerfileParser, KeywordsAnyCaseWithPositions) {
  Dockerfile file = parse_ok("from debian:12 AS build\n\n  run echo hi\nUser app\n");
  ASSERT_EQ(file.instructions.size(), 3u);
  EXPECT_EQ(file.instructions[0].keyword, "FROM");
  EXPECT_EQ(file.instructions[0].arguments, "debian:12 AS build");
  EXPECT_EQ(file.instructions[1].keyword, "RUN");
  EXPECT_EQ(file.instructions[1].position, (Position{3, 3}));
  EXPECT_EQ(file.instructions[1].arguments_position, (Position{3, 7}));
  EXPECT_EQ(file.instructions[2].keyword, "USER");
  EXPECT_EQ(file.instructions[2].arguments, "app");
}

TEST(DockerfileParser, DirectivesOnlyAtTheTop) {
  Dockerfile file = parse_ok(
      "# syntax=docker/dockerfile:1\n# ESCAPE = `\n# check=skip=all\nFROM x\n# escape=\\\n");
  ASSERT_EQ(file.directives.size(), 3u);
  EXPECT_EQ(file.directives[0].name, "syntax");
  EXPECT_EQ(file.directives[0].value, "docker/dockerfile:1");
  EXPECT_EQ(file.directives[1].name, "escape");
  EXPECT_EQ(file.escape, '`');
  EXPECT_EQ(file.directives[2].value, "skip=all");
  Dockerfile late = parse_ok("# a comment\n# escape=`\nFROM x\n");
  EXPECT_TRUE(late.directives.empty());
  ASSERT_EQ(late.comments.size(), 2u);
  EXPECT_EQ(late.comments[1].line, 2);
  EXPECT_EQ(late.comments[1].text, "escape=`");
  EXPECT_EQ(late.escape, '\\');
  EXPECT_EQ(parse_error("# escape=`\n# escape=\\\nFROM x\n").position, (Position{2, 1}));
  EXPECT_NE(parse_error("# escape=x\nFROM x\n").message.find("invalid escape"), std::string::npos);
}

TEST(DockerfileParser, ContinuationsSkipCommentAndEmptyLines) {
  Dockerfile file = parse_ok(
      "RUN apt-get update \\\n"
      "# a comment inside\n"
      "\n"
      "    && apt-get install -y sudo\n"
      "USER app\n");
  ASSERT_EQ(file.instructions.size(), 2u);
  EXPECT_EQ(file.instructions[0].arguments, "apt-get update     && apt-get install -y sudo");
  EXPECT_EQ(file.instructions[0].end_line, 4);
  EXPECT_EQ(file.instructions[1].position.line, 5);
}

TEST(DockerfileParser, BacktickEscapeContinues) {
  Dockerfile file = parse_ok("# escape=`\nRUN dir c:\\ `\n  && echo done\n");
  ASSERT_EQ(file.instructions.size(), 1u);
  EXPECT_EQ(file.instructions[0].arguments, "dir c:\\   && echo done");
}

TEST(DockerfileParser, ExecAndShellForms) {
  Dockerfile file = parse_ok(
      "ENTRYPOINT [\"/unroot\", \"exec\", \"app\", \"--\"]\nCMD [\"a\", 1]\nCMD echo [x\n"
      "SHELL [\"/bin/sh\", \"-ec\"]\n");
  EXPECT_TRUE(file.instructions[0].exec_form);
  EXPECT_EQ(file.instructions[0].json, (std::vector<std::string>{"/unroot", "exec", "app", "--"}));
  EXPECT_FALSE(file.instructions[1].exec_form);  // not all strings: shell form
  EXPECT_FALSE(file.instructions[2].exec_form);
  EXPECT_TRUE(file.instructions[3].exec_form);
  EXPECT_NE(parse_error("SHELL /bin/sh -c\n").message.find("JSON"), std::string::npos);
}

TEST(DockerfileParser, FlagsWithPositionsAndUnknownFlagsRefused) {
  Dockerfile file = parse_ok("COPY --from=build --chown=\"app:app\" --chmod=0755 a /b\n");
  const Instruction& copy = file.instructions[0];
  ASSERT_EQ(copy.flags.size(), 3u);
  EXPECT_EQ(copy.flags[0].name, "from");
  EXPECT_EQ(copy.flags[0].value, "build");
  EXPECT_EQ(copy.flags[1].value, "app:app");
  EXPECT_EQ(copy.flags[1].position, (Position{1, 19}));
  EXPECT_EQ(copy.arguments, "a /b");
  SyntaxError bad = parse_error("FROM x\nRUN --bogus=1 true\n");
  EXPECT_EQ(bad.position, (Position{2, 5}));
  EXPECT_NE(bad.message.find("--bogus"), std::string::npos);
  // Instructions without flags take `--` words as arguments.
  EXPECT_EQ(parse_ok("CMD --verbose\n").instructions[0].arguments, "--verbose");
}

TEST(DockerfileParser, HeredocsSeveralPerLineStrippedAndQuoted) {
  Dockerfile file = parse_ok(
      "RUN <<EOF\napt-get update\nEOF\n"
      "COPY <<-\"A\" <<B /etc/\n\tline a\n\tA\nline b\nB\n"
      "USER app\n");
  ASSERT_EQ(file.instructions.size(), 3u);
  const Instruction& run = file.instructions[0];
  ASSERT_EQ(run.heredocs.size(), 1u);
  EXPECT_EQ(run.heredocs[0].body, "apt-get update\n");
  EXPECT_EQ(run.end_line, 3);
  const Instruction& copy = file.instructions[1];
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_TRUE(copy.heredocs[0].strip_tabs);
  EXPECT_TRUE(copy.heredocs[0].quoted);
  EXPECT_EQ(copy.heredocs[0].body, "line a\n");
  EXPECT_EQ(copy.heredocs[1].body, "line b\n");
  EXPECT_EQ(copy.heredocs[1].position, (Position{4, 13}));
  EXPECT_EQ(file.instructions[2].position.line, 9);
  SyntaxError open = parse_error("RUN <<EOF\necho\n");
  EXPECT_EQ(open.position, (Position{1, 5}));
  EXPECT_NE(open.message.find("unterminated heredoc"), std::string::npos);
  // `<<<` and `<<` inside quotes are not heredocs.
  EXPECT_TRUE(parse_ok("RUN cat <<<x\n").instructions[0].heredocs.empty());
  EXPECT_TRUE(parse_ok("RUN echo '<<EOF'\n").instructions[0].heredocs.empty());
}

TEST(DockerfileParser, OnbuildCarriesItsTrigger) {
  Dockerfile file = parse_ok("ONBUILD RUN <<EOF\nchown app /x\nEOF\n");
  const Instruction& onbuild = file.instructions[0];
  ASSERT_TRUE(onbuild.triggered);
  EXPECT_EQ(onbuild.triggered->keyword, "RUN");
  EXPECT_EQ(onbuild.triggered->position, (Position{1, 9}));
  ASSERT_EQ(onbuild.triggered->heredocs.size(), 1u);
  EXPECT_EQ(onbuild.triggered->heredocs[0].body, "chown app /x\n");
  EXPECT_NE(parse_error("ONBUILD FROM x\n").message.find("ONBUILD trigger"), std::string::npos);
}

TEST(DockerfileParser, GarbageIsAnErrorWithAPosition) {
  SyntaxError unknown = parse_error("FROM x\n  FORM y\n");
  EXPECT_EQ(unknown.position, (Position{2, 3}));
  EXPECT_EQ(unknown.message, "unknown instruction: FORM");
  EXPECT_EQ(parse_error("FROM\n").position, (Position{1, 1}));
  EXPECT_TRUE(parse_ok("").instructions.empty());
  EXPECT_TRUE(parse_ok("\xEF\xBB\xBF# only a comment\r\n").instructions.empty());
}

}  // namespace
}  // namespace unroot::dockerfile
