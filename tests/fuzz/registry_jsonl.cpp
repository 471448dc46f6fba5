// JSONL registries through simulate (see registry.h).
#include "tests/fuzz/registry.h"

ZC_FUZZ_TARGET(registry_jsonl) { zc::fuzz::run_registry(input, zc::sim::RegistryFormat::Jsonl); }
