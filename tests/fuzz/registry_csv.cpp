// CSV registries through simulate (see registry.h).
#include "tests/fuzz/registry.h"

ZC_FUZZ_TARGET(registry_csv) { zc::fuzz::run_registry(input, zc::sim::RegistryFormat::Csv); }
