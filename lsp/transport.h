// JSON-RPC framing as LSP uses it: `Content-Length: N` headers, a blank line, N bytes of body.
// It knows nothing of the messages' meaning (server.h) and never throws on bad input: a malformed
// header is reported as an error frame and reading goes on at the next header.
#pragma once
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

namespace zc::lsp {

// The largest body accepted: the compiler's limit on a source file, plus room for the JSON around it.
inline constexpr size_t kMaxBody = 80u * 1024u * 1024u;

struct Frame {
  enum class Kind : uint8_t { Message, Error, End } kind = Kind::End;
  std::string body;   // Message: the JSON text
  std::string error;  // Error: what was wrong with the header, in English (the server words the reply)
};

class FrameReader {
 public:
  explicit FrameReader(std::istream& in) : in_(in) {}
  // The next frame: a message, a framing error (the reader has skipped what it could not use), or
  // the end of the input.
  Frame next();

 private:
  bool read_line(std::string& line, bool& too_long);
  std::istream& in_;
};

// Writes one message with its header and flushes.
void write_frame(std::ostream& out, const std::string& body);

}  // namespace zc::lsp
