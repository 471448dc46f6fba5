// The workbench's own files (web/), embedded at build time by server/embed.cmake into
// web_assets.cpp in the build folder.
#pragma once
#include <cstddef>
#include <string_view>

namespace zhengce::serve {

struct WebAsset {
  std::string_view name;  // index.html, workbench.js, keywords.js …
  std::string_view data;
};
extern const WebAsset kWebAssets[];
extern const size_t kWebAssetCount;

}  // namespace zhengce::serve
