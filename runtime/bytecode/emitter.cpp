// The code emitter: typed appends to Module::code, label patching at the end of each function, and
// deduplicating interners for strings and constants. Misuse (wrong operand count, unbound label)
// is a codegen bug and aborts; outgrowing an encoding limit is reported through limits_exceeded().
#include "runtime/bytecode/emitter.h"

#include <limits>

#include "base/assert.h"
#include "runtime/bytecode/opcodes.h"

namespace zc {
namespace {
constexpr uint32_t kUnbound = std::numeric_limits<uint32_t>::max();
}

CodeEmitter::CodeEmitter(Module& m) : m_(m) {
  for (size_t i = 0; i < m_.strings.size(); ++i) string_index_.emplace(m_.strings[i], static_cast<uint32_t>(i));
  for (size_t i = 0; i < m_.consts.size() && i < kNoIndex; ++i) {
    const_index_.emplace(std::make_pair(m_.consts[i].num(), m_.consts[i].den()), static_cast<uint16_t>(i));
  }
}

uint32_t CodeEmitter::begin_function() {
  ZC_ASSERT(!in_function_, "begin_function() inside a function");
  in_function_ = true;
  ++function_;
  label_pos_.clear();
  fixups_.clear();
  return offset();
}

uint32_t CodeEmitter::end_function() {
  ZC_ASSERT(in_function_, "end_function() without begin_function()");
  for (const auto& [at, label] : fixups_) {
    uint32_t target = label_pos_[label];
    ZC_ASSERT(target != kUnbound, "a jump uses a label that was never bound");
    for (int k = 0; k < 4; ++k) m_.code[at + k] = static_cast<uint8_t>(target >> (8 * k));
  }
  fixups_.clear();
  in_function_ = false;
  return offset();
}

CodeLabel CodeEmitter::new_label() {
  ZC_ASSERT(in_function_, "new_label() outside a function");
  label_pos_.push_back(kUnbound);
  return CodeLabel{static_cast<uint32_t>(label_pos_.size() - 1), function_};
}

void CodeEmitter::bind(CodeLabel l) {
  ZC_ASSERT(in_function_ && l.function == function_ && l.id < label_pos_.size(),
              "bind() of a label from another function");
  ZC_ASSERT(label_pos_[l.id] == kUnbound, "a label bound twice");
  label_pos_[l.id] = offset();
}

void CodeEmitter::emit(Opcode op) { emit_raw(op, nullptr, 0); }

void CodeEmitter::emit(Opcode op, uint32_t a) { emit_raw(op, &a, 1); }

void CodeEmitter::emit(Opcode op, uint32_t a, uint32_t b) {
  uint32_t ops[2] = {a, b};
  emit_raw(op, ops, 2);
}

void CodeEmitter::emit(Opcode op, CodeLabel target) {
  ZC_ASSERT(is_jump(op), "a label operand on an instruction that is not a jump");
  ZC_ASSERT(in_function_ && target.function == function_ && target.id < label_pos_.size(),
              "a jump to a label from another function");
  uint32_t placeholder = label_pos_[target.id] == kUnbound ? 0 : label_pos_[target.id];
  if (label_pos_[target.id] == kUnbound) {
    fixups_.emplace_back(offset() + 1, target.id);
  }
  emit_raw(op, &placeholder, 1);
}

void CodeEmitter::emit_raw(Opcode op, const uint32_t* operands, size_t count) {
  ZC_ASSERT(in_function_, "emit() outside begin_function()/end_function()");
  ZC_ASSERT(op < Opcode::kCount, "emit() of an invalid opcode");
  const OpInfo& info = op_info(op);
  ZC_ASSERT(info.operands.size() == count, "emit() with the wrong number of operands");
  if (m_.code.size() > std::numeric_limits<uint32_t>::max() - info.size) {
    limits_exceeded_ = true;
    return;
  }
  m_.code.push_back(static_cast<uint8_t>(op));
  for (size_t k = 0; k < count; ++k) {
    uint32_t width = operand_width(info.operands[k]);
    uint32_t v = operands[k];
    if (width < 4 && v >= (1u << (8 * width))) {
      limits_exceeded_ = true;
      v = (1u << (8 * width)) - 1;
    }
    for (uint32_t j = 0; j < width; ++j) m_.code.push_back(static_cast<uint8_t>(v >> (8 * j)));
  }
}

uint16_t CodeEmitter::constant(const Rational& v) {
  auto key = std::make_pair(v.num(), v.den());
  if (auto it = const_index_.find(key); it != const_index_.end()) return it->second;
  // INVARIANT: constant indices stay below kNoIndex, which means "no constant" in the tables.
  if (m_.consts.size() >= kNoIndex) {
    limits_exceeded_ = true;
    return kNoIndex;
  }
  auto idx = static_cast<uint16_t>(m_.consts.size());
  m_.consts.push_back(v);
  const_index_.emplace(key, idx);
  return idx;
}

uint32_t CodeEmitter::string(std::string_view s) {
  std::string key(s);
  if (auto it = string_index_.find(key); it != string_index_.end()) return it->second;
  if (m_.strings.size() >= kNoString) {
    limits_exceeded_ = true;
    return kNoString;
  }
  auto idx = static_cast<uint32_t>(m_.strings.size());
  m_.strings.push_back(key);
  string_index_.emplace(std::move(key), idx);
  return idx;
}

}  // namespace zc
