// .zcb bytecode files: the reader, the verifier, the disassembler and the VM on what passes both.
// Each input is tried twice: as given (nearly every mutation then fails the CRC-32, which is the
// point of having one) and with its size field and checksum repaired, so that mutations reach
// section parsing and the verifier. What loads and verifies must disassemble, run on the VM with
// and without facts, and write back to the same bytes it reads as (write ∘ read is idempotent).
#include <cstring>
#include <span>
#include <vector>

#include "runtime/bytecode/disasm.h"
#include "runtime/bytecode/format.h"
#include "runtime/bytecode/verify.h"
#include "runtime/vm/vm.h"
#include "tests/fuzz/harness.h"

namespace {

using namespace zc;

void put_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
}

void load(std::span<const uint8_t> bytes) {
  LoadResult r = read_module(bytes);
  if (!r.ok()) return;
  if (!verify_module(*r.module).empty()) return;
  const Module& m = *r.module;
  (void)disassemble(m);
  Vm vm(m);
  std::vector<FactValue> facts(m.facts.size());
  (void)vm.evaluate(facts, EvalOptions{true});
  // Every fact given: a value of its kind, drawn from the file's own bytes.
  for (size_t f = 0; f < facts.size(); ++f) {
    const FactInfo& fi = m.facts[f];
    uint8_t seed = bytes[f % bytes.size()];
    if (fi.type == ValueType::Bool) {
      facts[f].kind = FactValue::Kind::Bool;
      facts[f].b = (seed & 1) != 0;
    } else if (fi.type == ValueType::Option) {
      if (fi.options.empty()) continue;
      facts[f].kind = FactValue::Kind::Opt;
      facts[f].opt = static_cast<uint16_t>(seed % fi.options.size());
    } else {
      facts[f].kind = FactValue::Kind::Num;
      facts[f].num = Rational(static_cast<int64_t>(seed) * 10007);
    }
  }
  (void)vm.evaluate(facts, EvalOptions{true});
  std::vector<uint8_t> once = write_module(m);
  LoadResult again = read_module(once);
  fuzz::require(again.ok(), "a module read from a file does not read back after writing");
  fuzz::require(write_module(*again.module) == once, "writing a module read back gives different bytes");
}

}  // namespace

ZC_FUZZ_TARGET(zcb) {
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  load(bytes);
  // The same bytes with the size field (offset 8) and the trailing CRC-32 made right (docs/bytecode.md).
  if (bytes.size() >= 20) {
    std::vector<uint8_t> fixed(bytes.begin(), bytes.end());
    put_u32(fixed, 8, static_cast<uint32_t>(fixed.size()));
    put_u32(fixed, fixed.size() - 4, crc32(std::span<const uint8_t>(fixed).first(fixed.size() - 4)));
    load(fixed);
  }
}
