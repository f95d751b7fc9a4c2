// Host-side tests of the firmware's pure logic, compiled by g++ against Debian's BearSSL
// (`make -C firmware/esp8266-door-sensor/test`). Vigil's own tests run this binary too.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../src/sensor_message.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                  \
  do {                                                    \
    checks++;                                             \
    if (!(cond)) {                                        \
      failures++;                                         \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                       \
      fprintf(stderr, "\n");                              \
    }                                                     \
  } while (0)

static std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  return out;
}

static void test_vectors(const char* path) {
  std::ifstream in(path);
  CHECK(in.good(), "cannot read %s", path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    CHECK(f.size() == 8, "vector line has %zu fields", f.size());
    if (f.size() != 8) continue;
    uint8_t key[vigil::KEY_BYTES];
    CHECK(vigil::parse_hex(f[0].c_str(), key, sizeof key), "bad key in vectors");
    vigil::Reading r;
    r.seq = strtoull(f[2].c_str(), nullptr, 10);
    if (f[3] != "-") r.contact = f[3].c_str();
    if (f[4] != "-") r.battery = atoi(f[4].c_str());
    if (f[5] != "-") r.vbat_mv = atoi(f[5].c_str());
    if (f[6] != "-") r.tamper = f[6] == "true" ? 1 : 0;
    char out[320];
    size_t len = vigil::encode_message(key, f[1].c_str(), r, out, sizeof out);
    CHECK(len == f[7].size() && f[7] == out, "vector %d (%s seq %s):\n  got  %s\n  want %s", n, f[1].c_str(), f[2].c_str(), out, f[7].c_str());
    n++;
  }
  CHECK(n >= 5, "only %d vectors read", n);
  printf("vectors: %d checked\n", n);
}

// RFC 4231 test case 2: the HMAC wiring itself.
static void test_hmac_rfc4231() {
  const char* key = "Jefe";
  const char* msg = "what do ya want for nothing?";
  uint8_t mac[32];
  vigil::hmac_sha256(reinterpret_cast<const uint8_t*>(key), 4, reinterpret_cast<const uint8_t*>(msg), strlen(msg), mac);
  uint8_t want[32];
  vigil::parse_hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", want, 32);
  CHECK(memcmp(mac, want, 32) == 0, "HMAC-SHA256 differs from RFC 4231 case 2");
}

static void test_canonical_text() {
  vigil::Reading r;
  r.contact = "open";
  r.battery = 50;
  r.tamper = 0;
  r.seq = 3;
  char out[128];
  size_t len = vigil::canonical_text("hall", r, out, sizeof out);
  const char* want = "vigil-sensor-v1\nhall\n3\nopen\n50\n\nfalse";
  CHECK(len == strlen(want) && strcmp(out, want) == 0, "canonical text: got [%s]", out);
}

static void test_too_small_buffers() {
  uint8_t key[vigil::KEY_BYTES] = {0};
  vigil::Reading r;
  r.contact = "closed";
  r.seq = 1;
  char out[320];
  size_t full = vigil::encode_message(key, "door", r, out, sizeof out);
  CHECK(full > 0, "encodes into a big buffer");
  for (size_t cap = 0; cap <= full; cap++) {
    char small[320];
    memset(small, 'x', sizeof small);
    CHECK(vigil::encode_message(key, "door", r, small, cap) == 0, "cap %zu must not fit a %zu-byte message", cap, full);
    CHECK(small[cap] == 'x' || cap == sizeof small, "wrote past cap %zu", cap);
  }
  CHECK(vigil::encode_message(key, "door", r, out, full + 1) == full, "fits exactly with the NUL");
  std::string long_id(200, 'a');
  CHECK(vigil::encode_message(key, long_id.c_str(), r, out, sizeof out) == 0, "an id too long for the canonical buffer is refused");
}

static void test_parse_hex() {
  uint8_t b[2] = {0xAA, 0xAA};
  CHECK(vigil::parse_hex("0fF0", b, 2) && b[0] == 0x0f && b[1] == 0xf0, "parses mixed case");
  CHECK(!vigil::parse_hex("0fF", b, 2), "odd length refused");
  CHECK(!vigil::parse_hex("0fg0", b, 2), "non-hex refused");
  CHECK(!vigil::parse_hex("0f0000", b, 2), "too long refused");
}

static void test_battery_percent() {
  CHECK(vigil::battery_percent(2400, 2400, 3000) == 0, "empty");
  CHECK(vigil::battery_percent(2000, 2400, 3000) == 0, "below empty clamps");
  CHECK(vigil::battery_percent(2700, 2400, 3000) == 50, "middle");
  CHECK(vigil::battery_percent(3300, 2400, 3000) == 100, "above full clamps");
  CHECK(vigil::battery_percent(2700, 3000, 3000) == 0, "bad calibration gives 0, not a division by zero");
}

static void test_sequence() {
  vigil::Sequence s(5);
  uint64_t a = s.next(), b = s.next();
  CHECK(a == (5ULL << 32) && b == a + 1, "counts within a boot");
  vigil::Sequence after_reboot(6);
  CHECK(after_reboot.next() > b, "a later boot always counts higher");
  vigil::Sequence huge(0xFFFFFFFF);
  CHECK(huge.next() < (1ULL << 53), "stays exact in JavaScript");
}

static void test_debouncer() {
  vigil::Debouncer d(false, 50);
  CHECK(!d.update(true, 0), "a first edge is not yet a change");
  CHECK(!d.update(false, 3), "bounce");
  CHECK(!d.update(true, 6), "bounce");
  CHECK(!d.update(true, 55), "not settled 49 ms after the last bounce");
  CHECK(d.update(true, 56), "settled after 50 ms");
  CHECK(d.level(), "level is now high");
  CHECK(!d.update(true, 500), "no repeat while it stays");
  CHECK(!d.update(false, 0xFFFFFFF0u), "edge just before millis() wraps");
  CHECK(d.update(false, 0x30u), "settles across the wrap");
  CHECK(!d.level(), "level is low again");
}

int main(int argc, char** argv) {
  test_hmac_rfc4231();
  test_canonical_text();
  test_vectors(argc > 1 ? argv[1] : "vectors.txt");
  test_too_small_buffers();
  test_parse_hex();
  test_battery_percent();
  test_sequence();
  test_debouncer();
  printf("%d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}
