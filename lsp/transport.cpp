// LSP framing (transport.h).
#include "lsp/transport.h"

#include <cctype>
#include <optional>

namespace zc::lsp {

namespace {

constexpr size_t kMaxHeaderLine = 1024;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

// A header line ends at \n (a \r before it is dropped). A line longer than kMaxHeaderLine is read to
// its end and reported as too long; false at the end of the input with nothing read.
bool FrameReader::read_line(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  for (int c; (c = in_.get()) != std::char_traits<char>::eof();) {
    any = true;
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() < kMaxHeaderLine) line.push_back(static_cast<char>(c));
    else too_long = true;
  }
  return any;
}

Frame FrameReader::next() {
  std::string line;
  bool too_long = false;
  bool any_header = false;
  std::optional<size_t> length;
  std::string problem;
  for (;;) {
    if (!read_line(line, too_long)) {
      if (!any_header) return Frame{Frame::Kind::End, "", ""};
      return Frame{Frame::Kind::Error, "", "the input ended inside a message header"};
    }
    if (line.empty() && !too_long) {
      if (!any_header) continue;  // blank lines between messages
      break;
    }
    any_header = true;
    if (too_long) {
      problem = "a header line is longer than " + std::to_string(kMaxHeaderLine) + " bytes";
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) {
      problem = "a header line has no ':' (" + line.substr(0, 80) + ")";
      continue;
    }
    std::string name = lower(trim(line.substr(0, colon)));
    std::string value = trim(line.substr(colon + 1));
    if (name == "content-length") {
      size_t n = 0;
      bool ok = !value.empty() && value.size() <= 12;
      for (char c : value) {
        ok = ok && c >= '0' && c <= '9';
        if (ok) n = n * 10 + static_cast<size_t>(c - '0');
      }
      if (!ok) problem = "Content-Length is not a number (" + value.substr(0, 40) + ")";
      else length = n;
    }
  }
  if (!length) return Frame{Frame::Kind::Error, "", problem.empty() ? "the message header has no Content-Length" : problem};
  if (*length > kMaxBody) {
    // Skip the body so that the next message can be read.
    in_.ignore(static_cast<std::streamsize>(*length));
    return Frame{Frame::Kind::Error, "", "the message is " + std::to_string(*length) + " bytes, more than the limit of " +
                                             std::to_string(kMaxBody)};
  }
  std::string body(*length, '\0');
  in_.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<size_t>(in_.gcount()) != *length)
    return Frame{Frame::Kind::Error, "", "the input ended inside a message body (" + std::to_string(in_.gcount()) + " of " +
                                             std::to_string(*length) + " bytes)"};
  if (!problem.empty()) return Frame{Frame::Kind::Error, "", problem};
  return Frame{Frame::Kind::Message, std::move(body), ""};
}

void write_frame(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace zc::lsp
