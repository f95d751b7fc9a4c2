// Copy to config.h, or let Vigil write it: `vigil sensor provision <id> > config.h`.
// config.h holds this device's secrets; it is ignored by git.
#pragma once

#define WIFI_SSID "your-network"
#define WIFI_PASSWORD "your-wifi-password"

#define MQTT_HOST "192.168.1.10"
#define MQTT_PORT 1883
// TLS: define one of these (and use the broker's TLS port), or neither for plain TCP.
// #define MQTT_CA_PEM "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n"
// #define MQTT_FINGERPRINT "AA BB CC ..."  // SHA-1 of the broker's certificate

#define VIGIL_SENSOR_ID "front-door"
#define MQTT_USER "front-door"
#define MQTT_PASSWORD "from vigil sensor provision"
#define STATE_TOPIC "vigil/sensor/front-door/state"
#define AVAILABILITY_TOPIC "vigil/sensor/front-door/availability"
// 32-byte signing key, 64 hex digits: Vigil rejects any message not signed with it.
#define VIGIL_SENSOR_KEY "0000000000000000000000000000000000000000000000000000000000000000"

// Optional:
// #define REED_PIN 4            // GPIO4 = D2 on a Wemos D1 mini
// #define TAMPER_PIN 5          // GPIO5 = D1, a case switch
// #define HEARTBEAT_SECONDS 60  // set the sensor's heartbeat in Vigil to about 3x this
// #define BATTERY_EMPTY_MV 2500
// #define BATTERY_FULL_MV 3200
