// The policies a server serves: loaded from files (or every .zc file of a folder), each an immutable
// Version that requests share. A watcher re-checks a file when it changes and is stable on disk;
// a clean text replaces the version atomically (a request keeps the version it started with), a
// text with errors leaves the old version serving and records the errors for /status. It also
// reads and writes the files for the workbench: drafts beside a file, and saves that refuse to
// overwrite a file changed on disk since it was read. It does not speak HTTP (server/api.cpp does).
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "zhengce/zhengce.h"

namespace zhengce::serve {

// One checked text of one policy file.
struct Version {
  std::string id;       // the file's stem: dongchangfu-2024
  std::string path;
  std::string hash;     // of the text (hex, 16 digits): what /source returns and a save names
  std::string text;
  std::string loaded_at;  // ISO 8601, UTC
  Policy policy;
  std::string schema;     // the facts' JSON Schema, serialised once
  std::string summary;    // GET /api/v1/policies/{id} without the schema, serialised once
};

struct PolicyStatus {
  std::shared_ptr<const Version> current;  // null when no version of the file ever checked clean
  std::string state;                       // ok / error (the file's latest text has errors) / missing
  std::string checked_at;                  // when the file was last read
  std::string failed_hash;                 // the text that failed, when state is error
  std::optional<Diagnostics> diagnostics;  // its diagnostics
  std::string failure;                     // the file could not be read
};

// The text and time of a draft file.
struct Draft {
  std::string text;
  std::string saved_at;
};

class PolicyStore {
 public:
  // `paths`: .zc files, or folders whose .zc files are all served. Errors (an unreadable path, two
  // files with one stem) are returned as messages; a file with errors is served once it is fixed.
  std::vector<std::string> open(const std::vector<std::string>& paths, Lang lang);
  ~PolicyStore();

  std::vector<std::string> ids() const;
  std::shared_ptr<const Version> get(const std::string& id) const;
  std::optional<PolicyStatus> status(const std::string& id) const;

  // Re-reads every file (and each folder's list of files) once; what the watcher does every
  // `interval`. A file is re-checked only when its size and time have been the same on two
  // consecutive looks, so a file being written is never read half-way.
  void rescan();
  void watch(std::chrono::milliseconds interval);
  void stop_watching();

  // The workbench's file operations. Each answers false with the reason in `why` (a code).
  std::optional<Draft> draft(const std::string& id) const;
  bool write_draft(const std::string& id, const std::string& text, std::string& why);
  // Writes `text` to the file when the file on disk still has the hash `base`; otherwise `why` is
  // changed_on_disk and `disk_hash` the file's current hash. The draft is removed after a save.
  bool save(const std::string& id, const std::string& text, const std::string& base, std::string& why,
            std::string& disk_hash);
  // The text on disk now, with its hash (the editor opens this, not the last clean version).
  std::optional<std::pair<std::string, std::string>> disk_text(const std::string& id) const;

  static std::string hash_of(const std::string& text);
  static std::string draft_path(const std::string& path) { return path + ".draft"; }

 private:
  struct Entry {
    std::string id, path;
    std::atomic<std::shared_ptr<const Version>> current;
    std::mutex look_mu;     // one look() at a time (the watcher, a save)
    mutable std::mutex mu;  // guards what follows
    PolicyStatus status;
    int64_t seen_size = -1, seen_mtime = -1;  // the last look
    int64_t loaded_size = -1, loaded_mtime = -1;  // the text last checked
  };
  void load_entry(Entry& e, const std::string& text);
  void look(Entry& e, bool force);
  Entry* find(const std::string& id) const;

  Lang lang_ = Lang::Zh;
  std::vector<std::string> folders_;
  mutable std::mutex mu_;  // guards entries_ (the list; each entry guards itself)
  std::map<std::string, std::unique_ptr<Entry>> entries_;
  std::thread watcher_;
  std::atomic<bool> stop_{false};
};

// The JSON Schema of a policy's applicant facts (draft 2020-12), and the policy's description.
std::string facts_schema(const Policy& p);
std::string policy_summary(const std::string& id, const Version& v);

}  // namespace zhengce::serve
