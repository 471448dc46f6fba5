// The stdio loop (stdio.h). Only this file has threads: the reader turns stdin into frames on a
// queue, so that a change arriving while diagnostics wait for their debounce time is seen at once,
// and a $/cancelRequest is noted before the request it cancels is handled.
#include "lsp/stdio.h"

#include <condition_variable>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "lsp/transport.h"

namespace zc::lsp {

namespace {

struct Queue {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Frame> frames;
  bool ended = false;
};

}  // namespace

int run_stdio(const ServerOptions& opts) {
  std::ios::sync_with_stdio(false);
  // std::cin flushes std::cout before every read: from the reader thread that would race with the
  // writes below (and send a message twice). Only this thread touches std::cout.
  std::cin.tie(nullptr);
  auto q = std::make_shared<Queue>();
  // The reader may still be blocked in a read when the server exits: it is detached and owns its
  // share of the queue.
  std::thread([q] {
    FrameReader reader(std::cin);
    for (;;) {
      Frame f = reader.next();
      std::lock_guard lock(q->mu);
      if (f.kind == Frame::Kind::End) {
        q->ended = true;
        q->cv.notify_one();
        return;
      }
      q->frames.push_back(std::move(f));
      q->cv.notify_one();
    }
  }).detach();

  Server server(opts, [](const std::string& body) { write_frame(std::cout, body); });
  for (;;) {
    Frame f;
    {
      std::unique_lock lock(q->mu);
      auto ready = [&] { return !q->frames.empty() || q->ended; };
      if (auto deadline = server.next_deadline()) q->cv.wait_until(lock, *deadline, ready);
      else q->cv.wait(lock, ready);
      if (q->frames.empty()) {
        if (q->ended) break;
        lock.unlock();
        server.tick();
        continue;
      }
      f = std::move(q->frames.front());
      q->frames.pop_front();
      // Note cancellations queued behind this frame before handling it.
      for (const Frame& later : q->frames) {
        if (later.kind != Frame::Kind::Message || later.body.find("$/cancelRequest") == std::string::npos) continue;
        try {
          json m = json::parse(later.body);
          if (m.value("method", "") == "$/cancelRequest" && m.contains("params") && m["params"].contains("id"))
            server.cancel(m["params"]["id"]);
        } catch (const json::exception&) {
          // reported when the frame itself is handled
        }
      }
    }
    if (f.kind == Frame::Kind::Error) server.framing_error(f.error);
    else server.handle(f.body);
    if (server.exited()) return server.exit_code();
    server.tick();
  }
  // The input ended without exit: the client is gone.
  return 1;
}

}  // namespace zc::lsp
