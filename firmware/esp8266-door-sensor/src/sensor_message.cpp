#include "sensor_message.h"

#include <stdio.h>
#include <string.h>

// The ESP8266 Arduino core ships BearSSL as <bearssl/bearssl.h>; Debian's libbearssl-dev as
// <bearssl.h>. The same, well-reviewed HMAC on both.
#if __has_include(<bearssl/bearssl.h>)
#include <bearssl/bearssl.h>
#else
#include <bearssl.h>
#endif

namespace vigil {

namespace {

// snprintf into a buffer, tracking the position; `ok` turns false for good once anything is cut.
struct Writer {
  char* out;
  size_t cap;
  size_t len = 0;
  bool ok = true;

  void put(const char* fmt, const char* s) { emit(snprintf(out + len, room(), fmt, s)); }
  void put_int(const char* fmt, int v) { emit(snprintf(out + len, room(), fmt, v)); }
  void put_u64(const char* fmt, uint64_t v) { emit(snprintf(out + len, room(), fmt, static_cast<unsigned long long>(v))); }

  size_t room() const { return ok && len < cap ? cap - len : 0; }
  void emit(int n) {
    if (!ok || n < 0 || static_cast<size_t>(n) >= room()) {
      ok = false;
      return;
    }
    len += static_cast<size_t>(n);
  }
  size_t result() const { return ok ? len : 0; }
};

const char* tamper_text(int tamper) { return tamper < 0 ? "" : tamper ? "true" : "false"; }

}  // namespace

size_t canonical_text(const char* sensor_id, const Reading& r, char* out, size_t cap) {
  Writer w{out, cap};
  w.put("vigil-sensor-v1\n%s\n", sensor_id);
  w.put_u64("%llu\n", r.seq);
  w.put("%s\n", r.contact ? r.contact : "");
  if (r.battery >= 0) w.put_int("%d", r.battery);
  w.put("%s", "\n");
  if (r.vbat_mv >= 0) w.put_int("%d", r.vbat_mv);
  w.put("\n%s", tamper_text(r.tamper));
  return w.result();
}

size_t encode_message(const uint8_t key[KEY_BYTES], const char* sensor_id, const Reading& r, char* out, size_t cap) {
  char text[192];
  size_t text_len = canonical_text(sensor_id, r, text, sizeof text);
  if (!text_len) return 0;
  uint8_t mac[32];
  hmac_sha256(key, KEY_BYTES, reinterpret_cast<const uint8_t*>(text), text_len, mac);
  char sig[65];
  for (size_t i = 0; i < 32; i++) snprintf(sig + 2 * i, 3, "%02x", mac[i]);

  Writer w{out, cap};
  w.put("%s", "{");
  const char* sep = "";
  if (r.contact) {
    w.put("\"contact\":\"%s\"", r.contact);
    sep = ",";
  }
  if (r.battery >= 0) {
    w.put("%s", sep);
    w.put_int("\"battery\":%d", r.battery);
    sep = ",";
  }
  if (r.vbat_mv >= 0) {
    w.put("%s", sep);
    w.put_int("\"vbat\":%d", r.vbat_mv);
    sep = ",";
  }
  if (r.tamper >= 0) {
    w.put("%s", sep);
    w.put("\"tamper\":%s", tamper_text(r.tamper));
    sep = ",";
  }
  w.put("%s", sep);
  w.put_u64("\"seq\":%llu", r.seq);
  w.put(",\"sig\":\"%s\"}", sig);
  return w.result();
}

void hmac_sha256(const uint8_t* key, size_t key_len, const uint8_t* msg, size_t msg_len, uint8_t out[32]) {
  br_hmac_key_context kc;
  br_hmac_context ctx;
  br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
  br_hmac_init(&ctx, &kc, 0);
  br_hmac_update(&ctx, msg, msg_len);
  br_hmac_out(&ctx, out);
}

bool parse_hex(const char* hex, uint8_t* out, size_t len) {
  if (strlen(hex) != 2 * len) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < 2 * len; i++) {
    if (nibble(hex[i]) < 0) return false;
  }
  for (size_t i = 0; i < len; i++) out[i] = static_cast<uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  return true;
}

int battery_percent(int mv, int empty_mv, int full_mv) {
  if (full_mv <= empty_mv || mv <= empty_mv) return 0;
  if (mv >= full_mv) return 100;
  return (mv - empty_mv) * 100 / (full_mv - empty_mv);
}

bool Debouncer::update(bool level, uint32_t now_ms) {
  if (level != seen_) {
    seen_ = level;
    since_ = now_ms;
    return false;
  }
  // Unsigned subtraction stays right across the millis() wrap after 49 days.
  if (level != stable_ && now_ms - since_ >= settle_) {
    stable_ = level;
    return true;
  }
  return false;
}

}  // namespace vigil
