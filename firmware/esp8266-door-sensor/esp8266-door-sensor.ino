// Vigil door/window sensor: an ESP8266 and a reed switch (README.md: wiring, flashing, provisioning).
//
// On every change of the switch (interrupt, then debounced) and every HEARTBEAT_SECONDS it publishes
// a signed state message to vigil/sensor/<id>/state; the broker publishes "offline" on
// .../availability for it if it vanishes (last will). Each message carries a sequence number that
// never repeats for this key and an HMAC-SHA256 signature, so Vigil rejects a forged or replayed
// "closed".
#include <ESP8266WiFi.h>
#include <EEPROM.h>
#include <PubSubClient.h>
#include <time.h>

#include "config.h"  // made by `vigil sensor provision <id>`; see config.example.h
#include "src/sensor_message.h"

ADC_MODE(ADC_VCC);  // A0 reads the supply voltage: no divider needed for a cell on 3V3.

#ifndef REED_PIN
#define REED_PIN 4  // D2
#endif
#ifndef TAMPER_PIN
#define TAMPER_PIN -1  // a case switch to GND on another pin, or -1 for none
#endif
#ifndef HEARTBEAT_SECONDS
#define HEARTBEAT_SECONDS 60
#endif
#ifndef DEBOUNCE_MS
#define DEBOUNCE_MS 50
#endif
#ifndef BATTERY_EMPTY_MV
#define BATTERY_EMPTY_MV 2500
#endif
#ifndef BATTERY_FULL_MV
#define BATTERY_FULL_MV 3200
#endif

#if defined(MQTT_CA_PEM) || defined(MQTT_FINGERPRINT)
#include <WiFiClientSecure.h>
BearSSL::WiFiClientSecure net;
#else
WiFiClient net;  // Signed, but readable on the wire: use TLS wherever the broker offers it.
#endif
PubSubClient mqtt(net);

uint8_t key[vigil::KEY_BYTES];
vigil::Sequence* seq = nullptr;
vigil::Debouncer reed(false, DEBOUNCE_MS);
vigil::Debouncer tamper(false, DEBOUNCE_MS);
volatile bool edge = false;
uint32_t last_sent_ms = 0;
bool pending = true;  // a state message is owed (boot, change, reconnect)

IRAM_ATTR void on_edge() { edge = true; }

// Open contact = switch released = pin pulled high.
bool reed_open() { return digitalRead(REED_PIN) == HIGH; }
bool case_open() { return TAMPER_PIN >= 0 && digitalRead(TAMPER_PIN) == HIGH; }

// One EEPROM write per power-up keeps sequence numbers rising across reboots without wearing
// the flash per message.
uint32_t next_boot_count() {
  EEPROM.begin(8);
  uint32_t magic = 0, count = 0;
  EEPROM.get(0, magic);
  EEPROM.get(4, count);
  if (magic != 0x56474C31) count = 0;  // "VGL1": first boot after an erase
  count++;
  EEPROM.put(0, static_cast<uint32_t>(0x56474C31));
  EEPROM.put(4, count);
  EEPROM.commit();
  EEPROM.end();
  return count;
}

void connect_wifi() {
  if (WiFi.status() == WL_CONNECTED) return;
  WiFi.mode(WIFI_STA);
  WiFi.begin(WIFI_SSID, WIFI_PASSWORD);
  for (int i = 0; i < 40 && WiFi.status() != WL_CONNECTED; i++) delay(250);
}

bool connect_mqtt() {
  if (mqtt.connected()) return true;
  // Last will: retained "offline", so Vigil hears of a sensor that lost power or Wi-Fi.
  if (!mqtt.connect(VIGIL_SENSOR_ID, MQTT_USER, MQTT_PASSWORD, AVAILABILITY_TOPIC, 1, true, "offline")) return false;
  mqtt.publish(AVAILABILITY_TOPIC, "online", true);
  pending = true;  // Vigil believes a signed sensor only from its next signed message.
  return true;
}

bool publish_state() {
  vigil::Reading r;
  r.contact = reed.level() ? "open" : "closed";
  r.vbat_mv = ESP.getVcc();
  r.battery = vigil::battery_percent(r.vbat_mv, BATTERY_EMPTY_MV, BATTERY_FULL_MV);
  if (TAMPER_PIN >= 0) r.tamper = tamper.level() ? 1 : 0;
  r.seq = seq->next();
  char payload[320];
  size_t len = vigil::encode_message(key, VIGIL_SENSOR_ID, r, payload, sizeof payload);
  return len && mqtt.publish(STATE_TOPIC, reinterpret_cast<const uint8_t*>(payload), len, false);
}

void setup() {
  Serial.begin(115200);
  if (!vigil::parse_hex(VIGIL_SENSOR_KEY, key, sizeof key)) {
    Serial.println("VIGIL_SENSOR_KEY in config.h must be 64 hex digits; not sending anything");
    for (;;) delay(1000);
  }
  seq = new vigil::Sequence(next_boot_count());

  pinMode(REED_PIN, INPUT_PULLUP);
  reed = vigil::Debouncer(reed_open(), DEBOUNCE_MS);
  attachInterrupt(digitalPinToInterrupt(REED_PIN), on_edge, CHANGE);
  if (TAMPER_PIN >= 0) {
    pinMode(TAMPER_PIN, INPUT_PULLUP);
    tamper = vigil::Debouncer(case_open(), DEBOUNCE_MS);
    attachInterrupt(digitalPinToInterrupt(TAMPER_PIN), on_edge, CHANGE);
  }

  WiFi.setSleepMode(WIFI_MODEM_SLEEP);
  connect_wifi();
#if defined(MQTT_CA_PEM)
  // Certificate dates need the time.
  configTime(0, 0, "pool.ntp.org", "time.nist.gov");
  for (int i = 0; i < 40 && time(nullptr) < 1700000000; i++) delay(250);
  static BearSSL::X509List ca(MQTT_CA_PEM);
  net.setTrustAnchors(&ca);
#elif defined(MQTT_FINGERPRINT)
  net.setFingerprint(MQTT_FINGERPRINT);
#endif
  mqtt.setServer(MQTT_HOST, MQTT_PORT);
  mqtt.setBufferSize(512);
  mqtt.setKeepAlive(30);
}

void loop() {
  uint32_t now = millis();
  // The interrupt only says "look now"; the debouncers decide, also catching a change that
  // happened while the radio was busy.
  edge = false;
  if (reed.update(reed_open(), now)) pending = true;
  if (TAMPER_PIN >= 0 && tamper.update(case_open(), now)) pending = true;
  if (now - last_sent_ms >= HEARTBEAT_SECONDS * 1000UL) pending = true;

  static uint32_t retry_at = 0, backoff_ms = 1000;
  if (!mqtt.connected() && static_cast<int32_t>(now - retry_at) >= 0) {
    connect_wifi();
    if (connect_mqtt()) {
      backoff_ms = 1000;
    } else {
      retry_at = now + backoff_ms;
      backoff_ms = backoff_ms < 60000 ? backoff_ms * 2 : 60000;
    }
  }
  if (mqtt.connected()) {
    mqtt.loop();
    if (pending && publish_state()) {
      pending = false;
      last_sent_ms = now;
    }
  }
  // Sleep until the next tick or an edge; the modem sleeps between beacons meanwhile.
  if (!edge) delay(10);
}
