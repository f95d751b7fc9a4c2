// The parts of the sensor that are pure logic: the signed message, the sequence number, the
// debouncer and the battery estimate. No Arduino headers, so the same file is compiled by g++ on the
// host (test/) and by the ESP8266 toolchain. Vigil verifies what this encodes in
// src/core/sensorSignature.ts; both are checked against test/vectors.txt.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace vigil {

const size_t KEY_BYTES = 32;

struct Reading {
  const char* contact = nullptr;  // "open", "closed", or nullptr when not reported
  int battery = -1;               // percent, -1 when not reported
  int vbat_mv = -1;               // supply voltage in millivolts, -1 when not reported
  int tamper = -1;                // 1 open case, 0 closed case, -1 when not reported
  uint64_t seq = 0;
};

// The text the HMAC covers: "vigil-sensor-v1\n<id>\n<seq>\n<contact>\n<battery>\n<vbat>\n<tamper>",
// absent fields empty. Returns its length, or 0 if it does not fit in `cap` bytes (with the NUL).
size_t canonical_text(const char* sensor_id, const Reading& r, char* out, size_t cap);

// The JSON published on vigil/sensor/<id>/state, fields in a fixed order, "sig" last.
// Returns its length, or 0 if it does not fit.
size_t encode_message(const uint8_t key[KEY_BYTES], const char* sensor_id, const Reading& r, char* out, size_t cap);

void hmac_sha256(const uint8_t* key, size_t key_len, const uint8_t* msg, size_t msg_len, uint8_t out[32]);

// Exactly 2*len hex digits; false (and `out` untouched) otherwise.
bool parse_hex(const char* hex, uint8_t* out, size_t len);

// Linear between the empty and full voltages, clamped to 0..100.
int battery_percent(int mv, int empty_mv, int full_mv);

// Sequence numbers that never repeat for one key: the high part is a boot counter kept in flash
// (one write per power-up), the low part counts messages since boot. Kept below 2^53 so that
// JavaScript reads it exactly.
class Sequence {
 public:
  explicit Sequence(uint32_t boot_count) : boot_(boot_count & 0x1FFFFF) {}
  uint64_t next() { return (static_cast<uint64_t>(boot_) << 32) | counter_++; }

 private:
  uint32_t boot_;
  uint32_t counter_ = 0;
};

// A reed switch bounces for a few milliseconds; a level counts once it has held for `settle_ms`.
class Debouncer {
 public:
  Debouncer(bool level, uint32_t settle_ms) : stable_(level), seen_(level), settle_(settle_ms) {}
  // Feed the raw level; true when the stable level has just changed.
  bool update(bool level, uint32_t now_ms);
  bool level() const { return stable_; }

 private:
  bool stable_;
  bool seen_;
  uint32_t since_ = 0;
  uint32_t settle_;
};

}  // namespace vigil
