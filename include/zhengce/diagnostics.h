// Diagnostics as data: what a check, a facts file or an evaluation found wrong, each with its code,
// its place (line and column in code points, and the byte range) and its help line, in Chinese or
// English. The same diagnostics render as the command line prints them (human, json, sarif,
// github). Part of the public API (docs/library.md); the codes are documented in docs/diagnostics.md.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhengce {

namespace detail {
struct Access;  // the library's way in; not part of the API
}

enum class Lang : uint8_t { Zh, En };

enum class Severity : uint8_t { Error, Warning, Note };

// A place in a source text. Lines are 1-based; columns are 1-based and counted in Unicode code points
// (an editor that counts UTF-16 units converts them itself). The byte range [begin, end) is exact.
struct Location {
  std::string file;        // the Source::path the text was given with
  uint32_t begin = 0;      // byte offsets into the text
  uint32_t end = 0;
  uint32_t line = 1;       // where `begin` is
  uint32_t column = 1;
  uint32_t end_line = 1;   // where `end` is
  uint32_t end_column = 1;
};

struct Diagnostic {
  std::string code;                // "E0512"; documented by explain_code()
  std::string slug;                // stable English name: "mixed-and-or"
  Severity severity = Severity::Error;
  std::string message;             // in the language asked for, the user's words quoted in 「」
  std::optional<Location> at;      // none for problems with no place in a policy (a facts file's key)
  struct Note {
    Location at;
    std::string message;
  };
  std::vector<Note> notes;         // secondary places, each with a short message
  std::string help;                // how to fix it
  std::string article;             // "第1条": the article of the policy the problem is in, or ""
  // Fixes an editor may apply as they are (a quick fix): each edit replaces the bytes at `at` with
  // `text` (an empty range inserts). Only where the fix is certain: W0601's corrected unit, E0517's
  // bound words.
  struct Edit {
    Location at;
    std::string text;
  };
  struct Fix {
    std::string title;
    std::vector<Edit> edits;
  };
  std::vector<Fix> fixes;
};

enum class DiagnosticFormat : uint8_t { Human, Json, Sarif, Github };

// The diagnostics of one operation, in the order found, together with the texts they point into, so
// that they can be rendered with source lines and carets long after the operation.
class Diagnostics {
 public:
  Diagnostics();
  const std::vector<Diagnostic>& items() const;
  size_t errors() const;    // unlisted() included
  size_t warnings() const;
  // Errors found past a limit, counted but not among items(): a facts file lists its first 20.
  size_t unlisted() const;
  bool empty() const { return items().empty(); }
  // As `zhengce check --format …` prints them. Human output has a snippet with a caret per
  // diagnostic, then "……另有 N 个问题未列出" when some are unlisted, and no summary line (see
  // summary()); `color` adds ANSI escapes to human output only.
  std::string render(DiagnosticFormat format, bool color = false) const;
  // "发现 2 个错误，1 个警告" / "2 errors, 1 warning" / "未发现问题".
  std::string summary(bool color = false) const;
  // Appends another operation's diagnostics (they keep pointing into their own texts). They read in
  // this one's language, or in the other's when this one is still empty.
  void append(const Diagnostics& other);

  struct Impl;

 private:
  friend struct detail::Access;
  explicit Diagnostics(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

// The page of one diagnostic code, like `rustc --explain`: its message and help in the language
// asked for, its slug and severity. nullopt when no code has that id ("E0512", case-insensitive).
std::optional<std::string> explain_code(std::string_view code, Lang lang = Lang::Zh);
// The same code's section of docs/diagnostics.md (Markdown, both languages).
std::optional<std::string> code_markdown(std::string_view code);
// The id of the code nearest to `code` (for "did you mean"), or "" when none is close.
std::string nearest_code(std::string_view code);

}  // namespace zhengce
