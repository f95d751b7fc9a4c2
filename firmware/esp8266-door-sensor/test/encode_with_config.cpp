// Encodes one message the way the sketch does, from a config.h that Vigil made
// (`make encode CONFIG_DIR=<dir with config.h>`; `encode open|closed <seq>`). Vigil's tests publish
// what it prints, so the whole path config.h -> firmware encoder -> Vigil's verifier is exercised.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "../src/sensor_message.h"

int main(int argc, char** argv) {
  if (argc != 3 || (strcmp(argv[1], "open") != 0 && strcmp(argv[1], "closed") != 0)) {
    fprintf(stderr, "usage: encode open|closed <seq>\n");
    return 2;
  }
  uint8_t key[vigil::KEY_BYTES];
  if (!vigil::parse_hex(VIGIL_SENSOR_KEY, key, sizeof key)) {
    fprintf(stderr, "VIGIL_SENSOR_KEY is not 64 hex digits\n");
    return 1;
  }
  vigil::Reading r;
  r.contact = argv[1];
  r.vbat_mv = 3010;
  r.battery = vigil::battery_percent(r.vbat_mv, 2500, 3200);
  r.seq = strtoull(argv[2], nullptr, 10);
  char payload[320];
  if (!vigil::encode_message(key, VIGIL_SENSOR_ID, r, payload, sizeof payload)) return 1;
  // One line each: where and how the sketch would publish, then what.
  printf("%s\n%d\n%s\n%s\n%s\n%s\n", MQTT_HOST, MQTT_PORT, MQTT_USER, MQTT_PASSWORD, STATE_TOPIC, payload);
  return 0;
}
