// The command line's front door: --version, a missing or misspelt subcommand (a usage error in the
// user's language that names the nearest subcommand), and the JIT plugin that only --engine jit
// loads (found beside the executable or in the install layout; a clear exit 2 when it is missing),
// `zhengce serve` run by zhengce-serve, and the libraries loaded only on first use (libz3, the .xlsx
// libraries, the HTTP libraries): what keeps the start of every other command short.
#include <gtest/gtest.h>

#include <filesystem>

#include "runtime/bytecode/format.h"
#include "runtime/jit/select.h"
#include "tests/cli/support.h"

namespace zc::testing {
namespace {

namespace fs = std::filesystem;

const std::string kList = "check、build、run、test、disasm、keywords、targets、simulate、gen-registry、render、fmt、explain、serve、lsp、explain-code、diff、completion";
const std::string kListEn = "check, build, run, test, disasm, keywords, targets, simulate, gen-registry, render, fmt, explain, serve, lsp, explain-code, diff, completion";

const char* kPolicy =
    "政策“测试政策”。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「首次通过认定」：是否，默认否。\n"
    "规则「认定补助」：对「首次通过认定」的企业，给予10万元补助。\n"
    "案例「认定」：「首次通过认定」为是；预期：「认定补助」为10万元。\n";

std::string plugin_in_build() { return (fs::path(ZC_BIN).parent_path() / "zhengce-jit.so").string(); }

TEST(FrontDoor, VersionNamesTheBytecodeFormatAndTheJit) {
  std::string zcb = std::to_string(kZcbMajor) + "." + std::to_string(kZcbMinor);
  CliRun zh = zhengce_at(ZC_BIN, {"--version"}, "-u ZHENGCE_JIT_PLUGIN");
  CliRun en = zhengce_at(ZC_BIN, {"--lang", "en", "--version"}, "-u ZHENGCE_JIT_PLUGIN");
  EXPECT_EQ(zh.exit_code, 0);
  EXPECT_EQ(en.exit_code, 0);
  std::string head = std::string("zhengce ") + ZHENGCE_VERSION + "\n";
  if (jit_built()) {
    EXPECT_EQ(zh.out, head + "字节码格式（.zcb）：" + zcb + "\nJIT 引擎：已编译（插件 " + plugin_in_build() + "，按需加载）\n");
    EXPECT_EQ(en.out, head + "bytecode format (.zcb): " + zcb + "\nJIT engine: built (plugin " + plugin_in_build() + ", loaded on demand)\n");
  } else {
    EXPECT_EQ(zh.out, head + "字节码格式（.zcb）：" + zcb + "\nJIT 引擎：未编译\n");
    EXPECT_EQ(en.out, head + "bytecode format (.zcb): " + zcb + "\nJIT engine: not built\n");
  }
}

TEST(FrontDoor, MisspeltSubcommandSuggestsTheNearest) {
  CliRun r = zhengce({"--color", "never", "chek", "x.zc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "错误：未知的子命令「chek」；是否想用「check」？\n  = 帮助: 子命令有 " + kList + "；zhengce <子命令> --help 说明其用法\n");
  CliRun en = zhengce({"chekc", "x.zc", "--lang", "en"});
  EXPECT_EQ(en.exit_code, 2);
  EXPECT_EQ(en.err, "error: unknown subcommand `chekc`; did you mean `check`?\n  = help: the subcommands are " + kListEn +
                        "; `zhengce <subcommand> --help` explains one\n");
  // An abbreviation, and a transposition in a longer name.
  auto first_line = [](const CliRun& c) { return c.err.substr(0, c.err.find('\n')); };
  EXPECT_EQ(first_line(zhengce({"sim", "p.zc"})), "错误：未知的子命令「sim」；是否想用「simulate」？");
  EXPECT_EQ(first_line(zhengce({"simluate"})), "错误：未知的子命令「simluate」；是否想用「simulate」？");
}

TEST(FrontDoor, UnknownOrMissingSubcommandWithoutASuggestion) {
  CliRun r = zhengce({"foo"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "错误：未知的子命令「foo」\n  = 帮助: 子命令有 " + kList + "；zhengce <子命令> --help 说明其用法\n");
  CliRun none = zhengce({"--lang", "en"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "error: a subcommand is required\n  = help: the subcommands are " + kListEn +
                          "; `zhengce <subcommand> --help` explains one\n");
  EXPECT_EQ(zhengce({"--help"}).exit_code, 0);
}

TEST(FrontDoor, MissingJitPluginIsAUsageError) {
  if (!jit_built()) GTEST_SKIP() << "built without the JIT";
  std::string policy = write_temp("p.zc", kPolicy);
  CliRun r = zhengce_at(ZC_BIN, {"test", "--engine", "jit", policy}, "ZHENGCE_JIT_PLUGIN=/nonexistent/zhengce-jit.so");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "错误：找不到 JIT 插件 zhengce-jit.so（已查找：/nonexistent/zhengce-jit.so）；请用 --engine vm\n");
  CliRun en = zhengce_at(ZC_BIN, {"--lang", "en", "run", "--engine", "jit", policy, "--facts", write_temp("a.json", "{}")},
                         "ZHENGCE_JIT_PLUGIN=/nonexistent/zhengce-jit.so");
  EXPECT_EQ(en.exit_code, 2);
  EXPECT_EQ(en.out, "");
  EXPECT_EQ(en.err, "error: the JIT plugin zhengce-jit.so is missing (looked for /nonexistent/zhengce-jit.so); use --engine vm\n");
  // The VM needs no plugin.
  EXPECT_EQ(zhengce_at(ZC_BIN, {"test", policy}, "ZHENGCE_JIT_PLUGIN=/nonexistent/zhengce-jit.so").exit_code, 0);
}

// An installed tree, wherever its prefix: <prefix>/bin/zhengce finds <prefix>/lib/zhengce/zhengce-jit.so.
TEST(FrontDoor, JitPluginIsFoundInTheInstallLayout) {
  if (!jit_built()) GTEST_SKIP() << "built without the JIT";
  fs::path prefix = scratch_dir() / "prefix";
  fs::create_directories(prefix / "bin");
  fs::create_directories(prefix / "lib" / "zhengce");
  fs::copy_file(ZC_BIN, prefix / "bin" / "zhengce", fs::copy_options::overwrite_existing);
  fs::copy_file(plugin_in_build(), prefix / "lib" / "zhengce" / "zhengce-jit.so", fs::copy_options::overwrite_existing);
  std::string bin = (prefix / "bin" / "zhengce").string();
  std::string policy = write_temp("p.zc", kPolicy);
  CliRun r = zhengce_at(bin, {"test", "--color", "never", "--engine", "jit", policy}, "-u ZHENGCE_JIT_PLUGIN");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, policy + "\n  ✓ 认定\n1 passed, 0 failed\n");
  CliRun v = zhengce_at(bin, {"--version"}, "-u ZHENGCE_JIT_PLUGIN");
  EXPECT_NE(v.out.find("（插件 " + (prefix / "lib" / "zhengce" / "zhengce-jit.so").string() + "，按需加载）"), std::string::npos) << v.out;
  fs::remove_all(prefix);
}

// The shared objects the dynamic loader opened for a run (LD_DEBUG=files on its stderr).
bool loaded(const CliRun& r, const std::string& soname) {
  return r.err.find("file=" + soname + " [0];  dynamically loaded") != std::string::npos ||
         r.err.find("file=" + soname + " [0];  needed by") != std::string::npos;
}

TEST(FrontDoor, TheSolverAndTheWorkbookAndHttpLibrariesLoadOnlyWhenUsed) {
  if (!ZC_LAZY_LIBS) GTEST_SKIP() << "built with -DZHENGCE_LAZY_LIBS=OFF: the libraries are linked";
  CliRun v = zhengce_at(ZC_BIN, {"--version"}, "LD_DEBUG=files");
  ASSERT_EQ(v.exit_code, 0) << v.err;
  ASSERT_TRUE(loaded(v, "libfmt.so.9")) << "LD_DEBUG=files printed nothing the test can read:\n" << v.err;
  for (const char* lib : {"libz3.so.4", "libssl.so.3", "libcrypto.so.3", "libcpp-httplib.so.0.11", "libxlsxwriter.so.4", "libzip.so.4"})
    EXPECT_FALSE(loaded(v, lib)) << lib;
  // A policy whose conditions need no solver is checked without loading it ...
  std::string plain = write_temp("plain.zc", kPolicy);
  CliRun c = zhengce_at(ZC_BIN, {"check", plain}, "LD_DEBUG=files");
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_FALSE(loaded(c, "libz3.so.4"));
  // ... and one that does loads it then, and gets its warning.
  std::string hard = write_temp("hard.zc",
                                "政策“测试”。\n出资方「区财政」：本级，默认。\n事实「企业投资」、「政府投资」：金额，默认0元。\n"
                                "定义「总投资」：「企业投资」、「政府投资」之和。\n"
                                "规则「投资补助」：对「企业投资」超过「总投资」的，给予10万元。\n");
  CliRun h = zhengce_at(ZC_BIN, {"check", "--color", "never", hard}, "LD_DEBUG=files");
  EXPECT_TRUE(loaded(h, "libz3.so.4"));
  EXPECT_NE(h.err.find("W0611"), std::string::npos) << h.err;
  // A workbook is read with the libraries it needs, loaded then.
  std::string xlsx = (scratch_dir() / "r.xlsx").string();
  CliRun g = zhengce_at(ZC_BIN, {"gen-registry", plain, "--rows", "3", "--out", xlsx}, "LD_DEBUG=files");
  EXPECT_EQ(g.exit_code, 0);
  EXPECT_TRUE(loaded(g, "libxlsxwriter.so.4"));
}

TEST(FrontDoor, ServeIsRunByZhengceServe) {
  // Missing: a usage error that says where it was looked for.
  CliRun m = zhengce_at(ZC_BIN, {"serve", "--port", "0", "/nonexistent"}, "ZHENGCE_SERVE=/nonexistent/zhengce-serve");
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_EQ(m.err, "错误：找不到 zhengce-serve（serve 命令由它执行；已查找：/nonexistent/zhengce-serve）\n");
  // In an installed tree, <prefix>/bin/zhengce runs <prefix>/lib/zhengce/zhengce-serve, which reads
  // the same command line (here: a folder that does not exist, the server's own usage error).
  fs::path prefix = scratch_dir() / "prefix-serve";
  fs::create_directories(prefix / "bin");
  fs::create_directories(prefix / "lib" / "zhengce");
  fs::copy_file(ZC_BIN, prefix / "bin" / "zhengce", fs::copy_options::overwrite_existing);
  fs::copy_file(fs::path(ZC_BIN).parent_path() / "zhengce-serve", prefix / "lib" / "zhengce" / "zhengce-serve",
                fs::copy_options::overwrite_existing);
  CliRun r = zhengce_at((prefix / "bin" / "zhengce").string(), {"--lang", "en", "serve", "--port", "0", "/nonexistent/policies"},
                        "-u ZHENGCE_SERVE LD_DEBUG=files");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(loaded(r, "libcpp-httplib.so.0.11")) << r.err;
  EXPECT_NE(r.err.find("/nonexistent/policies"), std::string::npos) << r.err;
  fs::remove_all(prefix);
}

}  // namespace
}  // namespace zc::testing
