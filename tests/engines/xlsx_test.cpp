// Registries in Excel workbooks: cells typed as Excel stores them (shared and inline strings,
// numbers with exponents, booleans, dates by their cell format, errors), bad cells reported with
// sheet, row and column, a registry written as .xlsx giving the same results as the CSV it came
// from, results written as a workbook (amounts as numbers), and malformed workbooks refused with
// exit 2, never a crash.
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <sstream>

#include "nlohmann/json.hpp"
#include "sim/simulate.h"
#include "sim/summary.h"
#include "sim/xlsx_in.h"
#include "tests/cli/support.h"
#include "tests/engines/support.h"

namespace zc::test {
namespace {

using zc::testing::CliRun;
using zc::testing::scratch_dir;
using zc::testing::write_temp;
using zc::testing::zhengce;

using Parts = std::vector<std::pair<std::string, std::string>>;

// A zip file of the given parts, written with libzip (the reader's own library, used the other way).
std::string make_zip(const std::string& name, const Parts& parts) {
  std::string path = (scratch_dir() / name).string();
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [part, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    EXPECT_GE(zip_file_add(z, part.c_str(), s, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  return path;
}

const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A minimal workbook with one sheet named 名单 holding `sheet_data` (the <sheetData> content).
Parts workbook(const std::string& sheet_data, const std::string& shared = "", const std::string& styles = "") {
  Parts p = {
      {"_rels/.rels", std::string("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                  "<Relationship Id=\"rId1\" Type=\"") + kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel +
                              "\"><sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" Type=\"") + kRel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" + sheet_data + "</sheetData></worksheet>"},
  };
  if (!shared.empty()) p.emplace_back("xl/sharedStrings.xml", std::string("<sst xmlns=\"") + kMain + "\">" + shared + "</sst>");
  if (!styles.empty()) p.emplace_back("xl/styles.xml", std::string("<styleSheet xmlns=\"") + kMain + "\">" + styles + "</styleSheet>");
  return p;
}

std::string dump(sim::XlsxReader& r) {
  static const char* kinds[] = {"empty", "number", "text", "bool", "date", "error"};
  std::string out;
  sim::XlsxRow row;
  while (r.next(row)) {
    out += std::to_string(row.number) + ":";
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (row.cells[c].kind == sim::XlsxCell::Kind::Empty) continue;
      out += " " + sim::xlsx_column_name(c) + "=" + kinds[static_cast<int>(row.cells[c].kind)] + "(" + row.cells[c].text + ")";
    }
    out += "\n";
  }
  return out + r.error_zh();
}

TEST(Xlsx, CellsAreTypedAsExcelStoresThem) {
  const std::string shared =
      "<si><t>编号</t></si><si><t>是</t></si>"
      "<si><r><t>国家</t></r><r><t>级</t></r><rPh><t>guojiaji</t></rPh></si>";
  const std::string styles =
      "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00_);\\d0\"/></numFmts>"
      "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/><xf numFmtId=\"165\"/></cellXfs>";
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"inlineStr\"><is><r><t>市到</t></r><r><t>位资金</t></r></is></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"B3\" t=\"s\"><v>2</v></c><c r=\"C3\"><v>1.5E-2</v></c>"
      "<c r=\"D3\" t=\"b\"><v>1</v></c><c r=\"E3\" s=\"1\"><v>45343</v></c><c r=\"F3\" s=\"2\"><v>45343.5</v></c>"
      "<c r=\"G3\" s=\"3\"><v>0.1234</v></c><c r=\"H3\" s=\"4\"><v>-12</v></c><c r=\"I3\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"J3\" t=\"str\"><f>A1</f><v>公式</v></c><c r=\"K3\"><v>12345678901234567890</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>60</v></c><c><v>7</v></c></row>"
      "<row r=\"5\"></row>";
  std::string path = make_zip("typed.xlsx", workbook(data, shared, styles));
  sim::XlsxReader r;
  std::string ezh, een;
  ASSERT_TRUE(r.open_file(path, "", ezh, een)) << ezh;
  EXPECT_EQ(r.sheet_name(), "名单");
  EXPECT_EQ(dump(r),
            "1: A=text(编号) C=text(市到位资金)\n"
            "3: A=text(是) B=text(国家级) C=number(0.015) D=bool(true) E=date(2024-02-21) F=date(2024-02-21 12:00) "
            "G=number(0.1234) H=number(-12) I=error(#N/A) J=text(公式) K=number(12345678901234567890)\n"
            "4: A=error(日期序号 60 不是有效日期) B=number(7)\n");
}

TEST(Xlsx, ANamedSheetIsReadAndAMissingOneIsAnError) {
  std::string path = make_zip("named.xlsx", workbook("<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>"));
  sim::XlsxReader ok;
  std::string ezh, een;
  EXPECT_TRUE(ok.open_file(path, "名单", ezh, een)) << ezh;
  sim::XlsxReader missing;
  EXPECT_FALSE(missing.open_file(path, "Sheet9", ezh, een));
  EXPECT_EQ(ezh, "工作簿里没有名为「Sheet9」的工作表（有：「名单」）");
}

const char* kPolicy =
    "政策“表格测试政策”。\n"
    "发文机关“某区人民政府”。\n"
    "发文日期：2024年2月21日。\n"
    "出资方「区财政」：本级，默认。\n"
    "事实「首次认定」：是否，默认否。\n"
    "事实「认定日期」：日期，默认2020年1月1日。\n"
    "事实「市到位资金」：金额，默认0元。\n"
    "第1条“测试”。\n"
    "规则「认定补助」：对「首次认定」且「认定日期」不低于2024年1月1日的，给予10万元补助。\n"
    "规则「配套」：对「首次认定」的，按「市到位资金」的20%给予补助。\n";

TEST(Xlsx, BadCellsAreReportedWithSheetRowAndColumn) {
  const std::string styles = "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>";
  auto s = [](const std::string& ref, const std::string& text) { return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>"; };
  auto n = [](const std::string& ref, const std::string& v, const std::string& style = "0") {
    return "<c r=\"" + ref + "\" s=\"" + style + "\"><v>" + v + "</v></c>";
  };
  const std::string data = "<row r=\"1\">" + s("A1", "编号") + s("B1", "首次认定") + s("C1", "认定日期") + s("D1", "市到位资金") + "</row>" +
                           "<row r=\"2\">" + s("A2", "Q1") + s("B2", "是") + n("C2", "45343", "1") + n("D2", "100000.5") + "</row>" +
                           "<row r=\"4\">" + s("A4", "Q2") + s("B4", "也许") + "</row>" +
                           "<row r=\"5\">" + s("A5", "Q3") + s("B5", "是") + n("C5", "45343") + "</row>" +
                           "<row r=\"6\">" + s("A6", "Q4") + "<c r=\"D6\" t=\"e\"><v>#DIV/0!</v></c></row>" +
                           "<row r=\"7\">" + s("A7", "Q5") + s("F7", "多余") + "</row>" +
                           "<row r=\"8\">" + s("A8", "Q6") + s("B8", "是") + n("C8", "45000", "1") + "</row>";
  std::string path = make_zip("bad-cells.xlsx", workbook(data, "", styles));
  std::string policy = write_temp("xlsx-policy.zc", kPolicy);
  CliRun r = zhengce({"simulate", policy, "--input", path, "--format", "json", "--threads", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["registry"]["rows"], 6);
  EXPECT_EQ(j["registry"]["bad_rows"], 4);
  std::string shown;
  for (const auto& p : j["problems"]) shown += p["message"].get<std::string>() + "\n";
  EXPECT_EQ(shown,
            "工作表「名单」第 4 行 B 列：「首次认定」的值「也许」无法读取：应为是否（true/false 或 是/否），例如 true\n"
            "工作表「名单」第 5 行 C 列：「认定日期」的值「45343」无法读取：应为日期，例如 \"2024年2月21日\" 或 \"2024-02-21\"\n"
            "工作表「名单」第 6 行 D 列：「市到位资金」是错误值或无法读取的单元格「#DIV/0!」\n"
            "工作表「名单」第 7 行 F 列有内容，但表头只有 4 列\n");
  // Q1: 10万元 + 20% of 100000.5 = 120000.1; Q6 was certified before 2024: 配套 only (0元).
  EXPECT_EQ(j["policies"][0]["payers"][0]["total"], (nlohmann::json{{"min", "120000.1"}, {"max", "120000.1"}}));
}

std::vector<std::string> seed_paths() {
  std::vector<std::string> out;
  for (const char* n : {"dongchangfu-2024", "linqing-2021", "xuecheng-2022", "jinan-2023"}) {
    out.push_back(std::string(ZC_SOURCE_DIR) + "/policies/" + n + ".zc");
  }
  return out;
}

// gen-registry writes the same registry as CSV and as a workbook (money, counts and rates as
// numbers, dates as Excel dates); simulating either gives the same summary and per-applicant file.
TEST(Xlsx, AWorkbookRegistryGivesTheSameResultsAsItsCsv) {
  std::vector<std::string> gen = {"gen-registry"};
  for (const std::string& p : seed_paths()) gen.push_back(p);
  std::string dir = scratch_dir().string();
  for (const char* f : {"/seeds.csv", "/seeds.xlsx"}) {
    std::vector<std::string> a = gen;
    for (const std::string& x : {std::string("--rows"), std::string("1200"), std::string("--seed"), std::string("31"), std::string("--out"), dir + f}) a.push_back(x);
    CliRun g = zhengce(a);
    ASSERT_EQ(g.exit_code, 0) << g.err;
  }
  std::vector<std::string> sim = {"simulate"};
  for (const std::string& p : seed_paths()) sim.push_back(p);
  auto run = [&](const std::string& input, const std::string& out) {
    std::vector<std::string> a = sim;
    for (const std::string& x : {std::string("--input"), input, std::string("--format"), std::string("json"), std::string("--out"), out}) a.push_back(x);
    CliRun r = zhengce(a);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    j["registry"].erase("path");
    return j.dump(1);
  };
  std::string csv = run(dir + "/seeds.csv", dir + "/from-csv.out.csv");
  std::string xlsx = run(dir + "/seeds.xlsx", dir + "/from-xlsx.out.csv");
  EXPECT_EQ(xlsx, csv);
  EXPECT_TRUE(slurp(dir + "/from-xlsx.out.csv") == slurp(dir + "/from-csv.out.csv"));
  EXPECT_EQ(nlohmann::json::parse(xlsx)["registry"]["evaluated"], 1200);
}

// --out results.xlsx: a sheet per policy with the amounts as numbers, and the summary tables.
TEST(Xlsx, ResultsAreWrittenAsAWorkbook) {
  std::string policy = write_temp("xlsx-policy.zc", kPolicy);
  std::string reg = write_temp("xlsx-reg.csv",
                               "编号,首次认定,认定日期,市到位资金\n"
                               "Q1,是,2024-02-21,100000.5\n"
                               "Q2,否,,\n"
                               "Q3,也许,,\n");
  std::string out = (scratch_dir() / "results.xlsx").string();
  CliRun r = zhengce({"simulate", policy, "--input", reg, "--out", out});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  sim::XlsxReader book;
  std::string ezh, een;
  ASSERT_TRUE(book.open_file(out, "xlsx-policy", ezh, een)) << ezh;
  EXPECT_EQ(dump(book),
            "1: A=text(行号) B=text(编号) C=text(状态) D=text(认定补助) E=text(配套) F=text(合计:区财政（最少）) G=text(合计:区财政（最多）)\n"
            "2: A=number(2) B=text(Q1) C=text(已求值) D=number(100000) E=number(20000.1) F=number(120000.1) G=number(120000.1)\n"
            "3: A=number(3) B=text(Q2) C=text(已求值) F=number(0) G=number(0)\n"
            "4: A=number(4) B=text(Q3) C=text(坏行)\n");
  sim::XlsxReader summary;
  ASSERT_TRUE(summary.open_file(out, "", ezh, een)) << ezh;
  EXPECT_EQ(summary.sheet_name(), "汇总");
  EXPECT_EQ(dump(summary),
            "1: A=text(登记册) B=text(" + reg + ")\n"
            "2: A=text(数据行) B=number(3)\n"
            "3: A=text(已求值) B=number(2)\n"
            "4: A=text(坏行) B=number(1)\n"
            "5: A=text(含无法计算规则的行) B=number(0)\n"
            "7: A=text(政策) B=text(xlsx-policy) C=text(表格测试政策)\n"
            "8: A=text(申请人) B=number(2) C=text(获本级资助) D=number(1)\n"
            "10: A=text(出资方) B=text(角色) C=text(受益数) D=text(合计最少（元）) E=text(合计最多（元）) F=text(P50最少) G=text(P50最多) "
            "H=text(P90最少) I=text(P90最多) J=text(P99最少) K=text(P99最多) L=text(最高（最少）) M=text(最高（最多）)\n"
            "11: A=text(区财政) B=text(本级) C=number(1) D=number(120000.1) E=number(120000.1) F=number(120000.1) G=number(120000.1) "
            "H=number(120000.1) I=number(120000.1) J=number(120000.1) K=number(120000.1) L=number(120000.1) M=number(120000.1)\n"
            "13: A=text(条) B=text(条款) C=text(受益数) D=text(有金额) E=text(择优) F=text(一事一议) G=text(金额未明确) H=text(待遇) "
            "I=text(扣除) J=text(不重复) K=text(受上限) L=text(无法计算) M=text(本级合计最少（元）) N=text(本级合计最多（元）) "
            "O=text(P50最少) P=text(P50最多) Q=text(P90最少) R=text(P90最多) S=text(P99最少) T=text(P99最多) U=text(最高（最少）) "
            "V=text(最高（最多）)\n"
            "14: A=text(第1条) B=text(认定补助) C=number(1) D=number(1) E=number(0) F=number(0) G=number(0) H=number(0) I=number(0) "
            "J=number(0) K=number(0) L=number(0) M=number(100000) N=number(100000) O=number(100000) P=number(100000) Q=number(100000) "
            "R=number(100000) S=number(100000) T=number(100000) U=number(100000) V=number(100000)\n"
            "15: A=text(第1条) B=text(配套) C=number(1) D=number(1) E=number(0) F=number(0) G=number(0) H=number(0) I=number(0) "
            "J=number(0) K=number(0) L=number(0) M=number(20000.1) N=number(20000.1) O=number(20000.1) P=number(20000.1) "
            "Q=number(20000.1) R=number(20000.1) S=number(20000.1) T=number(20000.1) U=number(20000.1) V=number(20000.1)\n"
            "17: A=text(问题行) B=text(说明)\n"
            "18: A=number(4) B=text(第 4 行：「首次认定」的值「也许」无法读取：应为是否（true/false 或 是/否），例如 true)\n");
}

// Whatever the bytes, a workbook that cannot be read is refused with exit 2 and a message.
TEST(Xlsx, MalformedWorkbooksAreRefusedNeverACrash) {
  std::string policy = write_temp("xlsx-policy.zc", kPolicy);
  const std::string header = "<row r=\"1\"><c t=\"inlineStr\"><is><t>首次认定</t></is></c></row>";
  std::vector<std::pair<std::string, std::string>> cases = {
      {write_temp("not-zip.xlsx", "首次认定\n是\n"), "不是 xlsx 工作簿（不是完好的 zip 文件）"},
      {make_zip("no-workbook.xlsx", {{"a.txt", "x"}}), "不是可读的 xlsx 工作簿：缺少「xl/workbook.xml」"},
      {make_zip("bad-xml.xlsx", workbook(header + "<row r=\"2\"><c><v>1</c></row>")), "无法读取"},
      {make_zip("dtd.xlsx", workbook(header)), ""},
      {make_zip("bad-shared.xlsx", workbook(header + "<row r=\"2\"><c t=\"s\"><v>9</v></c></row>")), "共享字符串编号「9」无效"},
      {make_zip("rows-backwards.xlsx", workbook(header + "<row r=\"3\"></row><row r=\"2\"></row>")), "行号「2」无效或不递增"},
      {make_zip("empty.xlsx", workbook("")), "是空的，没有表头行"},
  };
  // A DTD (the door to entity expansion) is refused outright.
  Parts dtd = workbook(header);
  dtd[3].second = "<!DOCTYPE worksheet [<!ENTITY a \"aaaa\">]>" + dtd[3].second;
  cases[3] = {make_zip("dtd.xlsx", dtd), "含有 DTD（不接受）"};
  // Every prefix of a sound workbook (a truncated download).
  std::string sound = slurp(make_zip("sound.xlsx", workbook(header + "<row r=\"2\"><c t=\"inlineStr\"><is><t>是</t></is></c></row>")));
  for (size_t cut : {size_t{0}, size_t{10}, sound.size() / 3, sound.size() / 2, sound.size() - 30, sound.size() - 1}) {
    cases.emplace_back(write_temp("cut" + std::to_string(cut) + ".xlsx", sound.substr(0, cut)), "");
  }
  for (const auto& [path, message] : cases) {
    CliRun r = zhengce({"simulate", policy, "--input", path});
    EXPECT_EQ(r.exit_code, 2) << path << "\n" << r.err;
    EXPECT_EQ(r.signal, 0) << path;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << path << "\n" << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << path << "\n" << r.err;
  }
  CliRun piped = zhengce({"simulate", policy, "--input", "-", "--input-format", "xlsx"});
  EXPECT_EQ(piped.exit_code, 2);
  EXPECT_EQ(piped.err, "错误：xlsx 登记册不能从标准输入读取：请给出文件\n");
}

// Randomly damaged parts (bytes replaced, dropped or duplicated in the sheet, the shared strings
// and the workbook) are read to the end or refused with a message, never a crash or a hang. The
// libFuzzer target (tests/fuzz/xlsx.cpp) does this at length; this keeps a sample in every build.
TEST(Xlsx, DamagedPartsAreReadOrRefusedNeverACrash) {
  const std::string shared = "<si><t>首次认定</t></si><si><r><t>是</t></r></si>";
  const std::string styles = "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs>";
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>45343.25</v></c><c r=\"C2\"><v>1E+3</v></c></row>";
  const Parts sound = workbook(data, shared, styles);
  uint64_t state = 99;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  size_t read = 0, refused = 0;
  // The bytes a damaged part gets: XML's own, digits, and the first byte of a UTF-8 sequence.
  constexpr std::string_view kBytes = "<>/\"&=x0-9E.\xE5";
  for (int i = 0; i < 300; ++i) {
    Parts parts = sound;
    std::string& target = parts[static_cast<size_t>(1 + next() % (parts.size() - 1))].second;
    for (uint64_t k = 1 + next() % 4; k > 0 && !target.empty(); --k) {
      const size_t at = next() % target.size();
      switch (next() % 3) {
        case 0: target[at] = kBytes[next() % kBytes.size()]; break;
        case 1: target.erase(at, 1 + next() % 8); break;
        default: target.insert(at, target.substr(at, 1 + next() % 16)); break;
      }
    }
    sim::XlsxReader r;
    std::string ezh, een;
    if (!r.open_file(make_zip("damaged.xlsx", parts), "", ezh, een)) {
      EXPECT_FALSE(ezh.empty());
      ++refused;
      continue;
    }
    sim::XlsxRow row;
    while (r.next(row)) {
    }
    (r.error_zh().empty() ? read : refused) += 1;
  }
  EXPECT_GT(read, 0u);
  EXPECT_GT(refused, 0u);
}

}  // namespace
}  // namespace zc::test
