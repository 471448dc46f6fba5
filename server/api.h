// What the route files of server/ share: the server's parts a handler needs, the request's
// language, JSON answers and errors, and diagnostics as JSON. Internal to server/.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/server.h"

namespace zhengce::serve::api {

using ojson = nlohmann::ordered_json;

struct Ctx {
  PolicyStore& store;
  const ServeOptions& options;
  HttpServer& http;
};

// ?lang=en asks for English messages; Chinese otherwise.
Lang lang_of(const httplib::Request& req);
inline const std::string& tr(Lang l, const std::string& zh, const std::string& en) { return l == Lang::En ? en : zh; }

void send_json(httplib::Response& res, const std::string& body, int status = 200);
void send_json(httplib::Response& res, const ojson& j, int status = 200);
std::string dump(const ojson& j);
// An error with extra members beside code and message (e.g. diagnostics).
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const ojson& extra = ojson::object());

// Diagnostics as JSON. `text` is the source they point into (for columns in UTF-16 code units, as
// browser editors count them); pass "" when they point into none.
ojson diagnostics_json(const Diagnostics& d, std::string_view text);

void add_policy_routes(HttpServer& http, Ctx& ctx);    // api_policies.cpp
void add_evaluate_routes(HttpServer& http, Ctx& ctx);  // api_evaluate.cpp
void add_text_routes(HttpServer& http, Ctx& ctx);      // api_text.cpp
void add_simulate_route(HttpServer& http, Ctx& ctx);   // api_simulate.cpp
void add_editor_routes(HttpServer& http, Ctx& ctx);    // api_editor.cpp (completion, hover: service/)
void add_static_routes(HttpServer& http, Ctx& ctx);    // static.cpp

}  // namespace zhengce::serve::api
