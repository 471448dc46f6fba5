// Golden outputs compared whole: the disassembly of the sample module, and the instruction table
// of docs/bytecode.md, which must equal the one generated from opcodes.def so the doc cannot drift.
// `runtime_tests --update` rewrites both; the reviewer reads the diff.
#include <gtest/gtest.h>

#include "runtime/bytecode/disasm.h"
#include "runtime/bytecode/format.h"
#include "runtime/bytecode/opcodes.h"
#include "tests/runtime/support.h"

namespace zc {
namespace {

constexpr std::string_view kBegin =
    "<!-- opcodes:begin (generated from runtime/bytecode/opcodes.def; `runtime_tests --update` rewrites it) -->\n";
constexpr std::string_view kEnd = "<!-- opcodes:end -->";

TEST(Golden, SampleDisassembly) {
  const std::string path = test::source_path("tests/runtime/golden/sample.dis");
  const std::string actual = disassemble(test::sample_module());
  if (test::update_mode()) {
    test::write_text(path, actual);
    return;
  }
  EXPECT_EQ(actual, test::read_text(path)) << "if the change is intended, run runtime_tests --update";
}

TEST(Golden, OpcodeTableInDocsMatchesTheDef) {
  const std::string path = test::source_path("docs/bytecode.md");
  std::string doc = test::read_text(path);
  size_t begin = doc.find(kBegin);
  size_t end = doc.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "docs/bytecode.md lacks the opcodes:begin marker";
  ASSERT_NE(end, std::string::npos) << "docs/bytecode.md lacks the opcodes:end marker";
  begin += kBegin.size();
  ASSERT_LE(begin, end);
  const std::string table = opcode_table_markdown();
  if (test::update_mode()) {
    doc.replace(begin, end - begin, table);
    test::write_text(path, doc);
    return;
  }
  EXPECT_EQ(doc.substr(begin, end - begin), table) << "if opcodes.def changed, run runtime_tests --update";
}

TEST(Golden, SectionTableInDocsMatchesTheDef) {
  constexpr std::string_view kSectionsBegin =
      "<!-- sections:begin (generated from runtime/bytecode/sections.def; `runtime_tests --update` rewrites it) -->\n";
  constexpr std::string_view kSectionsEnd = "<!-- sections:end -->";
  const std::string path = test::source_path("docs/bytecode.md");
  std::string doc = test::read_text(path);
  size_t begin = doc.find(kSectionsBegin);
  size_t end = doc.find(kSectionsEnd);
  ASSERT_NE(begin, std::string::npos) << "docs/bytecode.md lacks the sections:begin marker";
  ASSERT_NE(end, std::string::npos) << "docs/bytecode.md lacks the sections:end marker";
  begin += kSectionsBegin.size();
  ASSERT_LE(begin, end);
  const std::string table = section_table_markdown();
  if (test::update_mode()) {
    doc.replace(begin, end - begin, table);
    test::write_text(path, doc);
    return;
  }
  EXPECT_EQ(doc.substr(begin, end - begin), table) << "if sections.def changed, run runtime_tests --update";
}

TEST(Golden, EveryOpcodeIsNamedAndSized) {
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    auto op = static_cast<Opcode>(i);
    EXPECT_EQ(opcode_by_name(op_info(op).name), op);
    EXPECT_EQ(op_info(op).size, 1 + (op_info(op).operands == "w" ? 4u : 0u) +
                                    2u * static_cast<uint32_t>(std::count(op_info(op).operands.begin(),
                                                                          op_info(op).operands.end(), 'h')) +
                                    static_cast<uint32_t>(std::count(op_info(op).operands.begin(),
                                                                     op_info(op).operands.end(), 'b')));
  }
  EXPECT_EQ(opcode_by_name("NO_SUCH_OP"), std::nullopt);
}

}  // namespace
}  // namespace zc
