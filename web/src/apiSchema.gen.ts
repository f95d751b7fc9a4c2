// Generated from Vigil's OpenAPI document by `npm run gen:api` (scripts/gen-api-types.ts). Do not edit.

export interface paths {
    "/api/adapters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The settings forms of every sensor format, notification channel and lock */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: {
                                fields: {
                                    default?: string | number;
                                    help?: string;
                                    /**
                                     * @description list: comma-separated values
                                     * @enum {unknown}
                                     */
                                    input: "text" | "number" | "list" | "select";
                                    key: string;
                                    label: string;
                                    options?: {
                                        label: string;
                                        value: string;
                                    }[];
                                    required: boolean;
                                    /** @description a password input; a set value comes back as a mask */
                                    secret: boolean;
                                }[];
                                label: string;
                                type: string;
                            }[];
                            locks: {
                                fields: {
                                    default?: string | number;
                                    help?: string;
                                    /**
                                     * @description list: comma-separated values
                                     * @enum {unknown}
                                     */
                                    input: "text" | "number" | "list" | "select";
                                    key: string;
                                    label: string;
                                    options?: {
                                        label: string;
                                        value: string;
                                    }[];
                                    required: boolean;
                                    /** @description a password input; a set value comes back as a mask */
                                    secret: boolean;
                                }[];
                                label: string;
                                type: string;
                            }[];
                            sensorFormats: {
                                fields: {
                                    default?: string | number;
                                    help?: string;
                                    /**
                                     * @description list: comma-separated values
                                     * @enum {unknown}
                                     */
                                    input: "text" | "number" | "list" | "select";
                                    key: string;
                                    label: string;
                                    options?: {
                                        label: string;
                                        value: string;
                                    }[];
                                    required: boolean;
                                    /** @description a password input; a set value comes back as a mask */
                                    secret: boolean;
                                }[];
                                label: string;
                                type: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alarm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current alarm state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description which commands need the alarm code */
                            codeRequired: {
                                arm: boolean;
                                disarm: boolean;
                            };
                            deadline: number | null;
                            mode: "home" | "away" | null;
                            since: number;
                            /** @enum {unknown} */
                            state: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                            triggeredBy: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Arm or disarm (Home Assistant vocabulary) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        action: "ARM_AWAY" | "ARM_HOME" | "DISARM";
                        code?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description which commands need the alarm code */
                            codeRequired: {
                                arm: boolean;
                                disarm: boolean;
                            };
                            deadline: number | null;
                            mode: "home" | "away" | null;
                            since: number;
                            /** @enum {unknown} */
                            state: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                            triggeredBy: string | null;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert events of the open incidents of the last 7 days, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": ({
                            details: {
                                factors?: string;
                                fallback?: string;
                                fingerScore?: number;
                                flagged?: string;
                                lock: "ok" | string;
                                mode?: string;
                                offline?: boolean;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Entry";
                        } | {
                            details: {
                                factors?: string;
                                fallback?: string;
                                fingerScore?: number;
                                flagged?: string;
                                lock: "ok" | string;
                                mode?: string;
                                offline?: boolean;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Exit";
                        } | {
                            details: {
                                factors?: string;
                                fingerScore?: number;
                                liveness?: string | null;
                                mode?: string;
                                offline?: boolean;
                                reason: string;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Denied";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Intrusion";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmArming";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmArmed";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmDisarmed";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmPending";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmTriggered";
                        } | {
                            details: {
                                command: string;
                                reason: string;
                                until?: number;
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmCommandRejected";
                        } | {
                            details: {
                                kind: string;
                                name: string;
                                zone: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOpened";
                        } | {
                            details: {
                                kind: string;
                                name: string;
                                zone: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorClosed";
                        } | {
                            details: {
                                name: string;
                                reason: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOffline";
                        } | {
                            details: {
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOnline";
                        } | {
                            details: {
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorTamper";
                        } | {
                            details: {
                                battery: number;
                                name: string;
                                threshold: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorBatteryLow";
                        } | {
                            details: {
                                factors: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DuressAlarm";
                        } | {
                            details: {
                                faces: number;
                                granted: number;
                                snapshot?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Tailgating";
                        } | {
                            details: {
                                lockouts: number;
                                seconds: number;
                                until: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "TerminalLockout";
                        } | {
                            details: {
                                by: string;
                                lock: "ok" | string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorUnlocked";
                        } | {
                            details: {
                                snapshot?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorForced";
                        } | {
                            details: {
                                seconds: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorHeldOpen";
                        } | {
                            details: {
                                camera: string;
                                detail?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "CameraOffline";
                        } | {
                            details: {
                                camera: string;
                                detail?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "CameraOnline";
                        } | {
                            details: {
                                alert: number;
                                alerts?: number;
                                alertType: string;
                                by: string;
                                incident?: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlertAcknowledged";
                        } | {
                            details: {
                                detail?: string | null;
                                reason: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "FingerprintReaderOffline";
                        } | {
                            details: {
                                sensor?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "FingerprintReaderOnline";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                by: string;
                                from: string;
                                item: string | null;
                                /** @enum {unknown} */
                                subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                target: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "ConfigChanged";
                        } | {
                            details: {
                                from: string;
                                username: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SignedIn";
                        } | {
                            details: {
                                from: string;
                                reason: string;
                                username: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SignInFailed";
                        })[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{seq}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge the incident this alert belongs to (logged as AlertAcknowledged with who) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    seq: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                factors?: string;
                                fallback?: string;
                                fingerScore?: number;
                                flagged?: string;
                                lock: "ok" | string;
                                mode?: string;
                                offline?: boolean;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Entry";
                        } | {
                            details: {
                                factors?: string;
                                fallback?: string;
                                fingerScore?: number;
                                flagged?: string;
                                lock: "ok" | string;
                                mode?: string;
                                offline?: boolean;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Exit";
                        } | {
                            details: {
                                factors?: string;
                                fingerScore?: number;
                                liveness?: string | null;
                                mode?: string;
                                offline?: boolean;
                                reason: string;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Denied";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Intrusion";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmArming";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmArmed";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmDisarmed";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmPending";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmTriggered";
                        } | {
                            details: {
                                command: string;
                                reason: string;
                                until?: number;
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmCommandRejected";
                        } | {
                            details: {
                                kind: string;
                                name: string;
                                zone: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOpened";
                        } | {
                            details: {
                                kind: string;
                                name: string;
                                zone: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorClosed";
                        } | {
                            details: {
                                name: string;
                                reason: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOffline";
                        } | {
                            details: {
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOnline";
                        } | {
                            details: {
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorTamper";
                        } | {
                            details: {
                                battery: number;
                                name: string;
                                threshold: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorBatteryLow";
                        } | {
                            details: {
                                factors: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DuressAlarm";
                        } | {
                            details: {
                                faces: number;
                                granted: number;
                                snapshot?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Tailgating";
                        } | {
                            details: {
                                lockouts: number;
                                seconds: number;
                                until: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "TerminalLockout";
                        } | {
                            details: {
                                by: string;
                                lock: "ok" | string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorUnlocked";
                        } | {
                            details: {
                                snapshot?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorForced";
                        } | {
                            details: {
                                seconds: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorHeldOpen";
                        } | {
                            details: {
                                camera: string;
                                detail?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "CameraOffline";
                        } | {
                            details: {
                                camera: string;
                                detail?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "CameraOnline";
                        } | {
                            details: {
                                alert: number;
                                alerts?: number;
                                alertType: string;
                                by: string;
                                incident?: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlertAcknowledged";
                        } | {
                            details: {
                                detail?: string | null;
                                reason: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "FingerprintReaderOffline";
                        } | {
                            details: {
                                sensor?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "FingerprintReaderOnline";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                by: string;
                                from: string;
                                item: string | null;
                                /** @enum {unknown} */
                                subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                target: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "ConfigChanged";
                        } | {
                            details: {
                                from: string;
                                username: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SignedIn";
                        } | {
                            details: {
                                from: string;
                                reason: string;
                                username: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SignInFailed";
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in; sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: number;
                            user: {
                                createdAt: number;
                                id: string;
                                /** @enum {unknown} */
                                role: "viewer" | "operator" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out this session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out every session of this user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user and the CSRF token to send back */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            expiresAt: number;
                            user: {
                                createdAt: number;
                                id: string;
                                /** @enum {unknown} */
                                role: "viewer" | "operator" | "admin";
                                username: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; signs out every other session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        current: string;
                        next: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this browser is signed in (never 401, so a sign-in page can ask quietly) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            session: {
                                csrfToken: string;
                                expiresAt: number;
                                user: {
                                    createdAt: number;
                                    id: string;
                                    /** @enum {unknown} */
                                    role: "viewer" | "operator" | "admin";
                                    username: string;
                                };
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/doors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every door and its state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            camera: "online" | "offline" | "none";
                            /** @description the steps the door asks for, in order; each a list of alternatives */
                            chain: ("pin" | "fob" | "finger" | "face")[][];
                            /** @enum {unknown} */
                            contact: "open" | "closed" | "unknown";
                            direction: string;
                            /**
                             * @description the fingerprint reader; untrusted: a sensor Vigil does not know answers (swapped), no finger counts
                             * @enum {unknown}
                             */
                            fingerprint: "online" | "offline" | "untrusted" | "none";
                            id: string;
                            lastAccess: {
                                at: number;
                                personId: string | null;
                                type: string;
                            } | null;
                            lock: string;
                            mode: string;
                            name: string;
                            view: {
                                /** @description the step's factors, any one of which passes it */
                                accept?: ("pin" | "fob" | "finger" | "face")[];
                                name?: string;
                                /** @description while looking, on a door in challenge mode: what the person must do now, e.g. "Turn your head to your left, then blink twice" */
                                prompt?: string;
                                /**
                                 * @description looking: a step that takes the face; waiting: one that takes a PIN, card or finger
                                 * @enum {unknown}
                                 */
                                state: "idle" | "looking" | "waiting" | "granted" | "denied" | "locked_out";
                                until?: number;
                            };
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/doors/{id}/fingerprint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The door's fingerprint reader and the enrolment running on it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity: number | null;
                            detail: string | null;
                            enrolment: {
                                captured: number;
                                duress: boolean;
                                personId: string;
                                startedAt: number;
                                step: {
                                    reason?: string;
                                    sample?: number;
                                    score?: number;
                                    /** @enum {unknown} */
                                    step: "place" | "retry" | "captured" | "lift" | "merging" | "stored";
                                } | null;
                            } | null;
                            /** @description slots the store maps that the sensor no longer holds */
                            missingSlots: number[];
                            reason: string | null;
                            /** @enum {unknown} */
                            state: "online" | "offline" | "untrusted";
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/doors/{id}/fingerprint/adopt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trust the sensor attached now (after a swap): the old sensor's fingers are forgotten and must be enrolled again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            state: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/doors/{id}/fingerprint/enrolment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Cancel the enrolment running on the door's reader */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/doors/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make the door's kiosk token (shown once; replaces the old one) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            kioskUrl: string;
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        /** Revoke the door's kiosk token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/doors/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the door now (logged as DoorUnlocked with who did it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log, newest first, filtered, a page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    doorId?: string;
                    /** @description ISO 8601 time or ms since the epoch (inclusive) */
                    from?: string;
                    limit?: number;
                    personId?: string;
                    sensorId?: string;
                    /** @description ISO 8601 time or ms since the epoch (exclusive) */
                    to?: string;
                    /** @description comma-separated event types */
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: ({
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Entry";
                            } | {
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Exit";
                            } | {
                                details: {
                                    factors?: string;
                                    fingerScore?: number;
                                    liveness?: string | null;
                                    mode?: string;
                                    offline?: boolean;
                                    reason: string;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Denied";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Intrusion";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArming";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmDisarmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmPending";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmTriggered";
                            } | {
                                details: {
                                    command: string;
                                    reason: string;
                                    until?: number;
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmCommandRejected";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOpened";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorClosed";
                            } | {
                                details: {
                                    name: string;
                                    reason: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOffline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOnline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorTamper";
                            } | {
                                details: {
                                    battery: number;
                                    name: string;
                                    threshold: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorBatteryLow";
                            } | {
                                details: {
                                    factors: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DuressAlarm";
                            } | {
                                details: {
                                    faces: number;
                                    granted: number;
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Tailgating";
                            } | {
                                details: {
                                    lockouts: number;
                                    seconds: number;
                                    until: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "TerminalLockout";
                            } | {
                                details: {
                                    by: string;
                                    lock: "ok" | string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorUnlocked";
                            } | {
                                details: {
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorForced";
                            } | {
                                details: {
                                    seconds: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorHeldOpen";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOffline";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOnline";
                            } | {
                                details: {
                                    alert: number;
                                    alerts?: number;
                                    alertType: string;
                                    by: string;
                                    incident?: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlertAcknowledged";
                            } | {
                                details: {
                                    detail?: string | null;
                                    reason: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOffline";
                            } | {
                                details: {
                                    sensor?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOnline";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                    by: string;
                                    from: string;
                                    item: string | null;
                                    /** @enum {unknown} */
                                    subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                    target: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "ConfigChanged";
                            } | {
                                details: {
                                    from: string;
                                    username: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignedIn";
                            } | {
                                details: {
                                    from: string;
                                    reason: string;
                                    username: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignInFailed";
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The filtered log as CSV */
        get: {
            parameters: {
                query?: {
                    doorId?: string;
                    /** @description ISO 8601 time or ms since the epoch (inclusive) */
                    from?: string;
                    personId?: string;
                    sensorId?: string;
                    /** @description ISO 8601 time or ms since the epoch (exclusive) */
                    to?: string;
                    /** @description comma-separated event types */
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: every new log event; resumes after Last-Event-ID */
        get: {
            parameters: {
                query?: {
                    lastEventId?: number;
                };
                header?: {
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Walk the hash chain and report whether the log is intact */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            head?: string;
                            ok: boolean;
                            reason?: string;
                            seq?: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness; no sign-in needed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counters: {
                                [key: string]: number;
                            };
                            database: boolean;
                            mqtt: boolean;
                            /**
                             * @description this process runs the hub; a standby hub (hub.standby) answers 'standby' and the active hub's URL
                             * @enum {string}
                             */
                            role: "active";
                            status: "ok" | "degraded";
                            uptimeSeconds: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents of the last 7 days (related alerts folded together), newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            acknowledged: {
                                at: number;
                                by: string;
                                seq: number;
                            } | null;
                            alerts: number[];
                            /** @description oldest first, the event that ended it included */
                            events: ({
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Entry";
                            } | {
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Exit";
                            } | {
                                details: {
                                    factors?: string;
                                    fingerScore?: number;
                                    liveness?: string | null;
                                    mode?: string;
                                    offline?: boolean;
                                    reason: string;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Denied";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Intrusion";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArming";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmDisarmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmPending";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmTriggered";
                            } | {
                                details: {
                                    command: string;
                                    reason: string;
                                    until?: number;
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmCommandRejected";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOpened";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorClosed";
                            } | {
                                details: {
                                    name: string;
                                    reason: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOffline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOnline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorTamper";
                            } | {
                                details: {
                                    battery: number;
                                    name: string;
                                    threshold: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorBatteryLow";
                            } | {
                                details: {
                                    factors: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DuressAlarm";
                            } | {
                                details: {
                                    faces: number;
                                    granted: number;
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Tailgating";
                            } | {
                                details: {
                                    lockouts: number;
                                    seconds: number;
                                    until: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "TerminalLockout";
                            } | {
                                details: {
                                    by: string;
                                    lock: "ok" | string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorUnlocked";
                            } | {
                                details: {
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorForced";
                            } | {
                                details: {
                                    seconds: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorHeldOpen";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOffline";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOnline";
                            } | {
                                details: {
                                    alert: number;
                                    alerts?: number;
                                    alertType: string;
                                    by: string;
                                    incident?: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlertAcknowledged";
                            } | {
                                details: {
                                    detail?: string | null;
                                    reason: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOffline";
                            } | {
                                details: {
                                    sensor?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOnline";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                    by: string;
                                    from: string;
                                    item: string | null;
                                    /** @enum {unknown} */
                                    subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                    target: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "ConfigChanged";
                            } | {
                                details: {
                                    from: string;
                                    username: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignedIn";
                            } | {
                                details: {
                                    from: string;
                                    reason: string;
                                    username: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignInFailed";
                            })[];
                            headline: {
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Entry";
                            } | {
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Exit";
                            } | {
                                details: {
                                    factors?: string;
                                    fingerScore?: number;
                                    liveness?: string | null;
                                    mode?: string;
                                    offline?: boolean;
                                    reason: string;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Denied";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Intrusion";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArming";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmDisarmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmPending";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmTriggered";
                            } | {
                                details: {
                                    command: string;
                                    reason: string;
                                    until?: number;
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmCommandRejected";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOpened";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorClosed";
                            } | {
                                details: {
                                    name: string;
                                    reason: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOffline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOnline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorTamper";
                            } | {
                                details: {
                                    battery: number;
                                    name: string;
                                    threshold: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorBatteryLow";
                            } | {
                                details: {
                                    factors: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DuressAlarm";
                            } | {
                                details: {
                                    faces: number;
                                    granted: number;
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Tailgating";
                            } | {
                                details: {
                                    lockouts: number;
                                    seconds: number;
                                    until: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "TerminalLockout";
                            } | {
                                details: {
                                    by: string;
                                    lock: "ok" | string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorUnlocked";
                            } | {
                                details: {
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorForced";
                            } | {
                                details: {
                                    seconds: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorHeldOpen";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOffline";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOnline";
                            } | {
                                details: {
                                    alert: number;
                                    alerts?: number;
                                    alertType: string;
                                    by: string;
                                    incident?: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlertAcknowledged";
                            } | {
                                details: {
                                    detail?: string | null;
                                    reason: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOffline";
                            } | {
                                details: {
                                    sensor?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOnline";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                    by: string;
                                    from: string;
                                    item: string | null;
                                    /** @enum {unknown} */
                                    subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                    target: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "ConfigChanged";
                            } | {
                                details: {
                                    from: string;
                                    username: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignedIn";
                            } | {
                                details: {
                                    from: string;
                                    reason: string;
                                    username: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignInFailed";
                            };
                            /** @description sequence number of its first event */
                            id: number;
                            /** @enum {unknown} */
                            kind: "alarm" | "duress" | "door" | "sensor" | "camera";
                            /** @description still needs someone to look at it */
                            open: boolean;
                            resolvedBy: ({
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Entry";
                            } | {
                                details: {
                                    factors?: string;
                                    fallback?: string;
                                    fingerScore?: number;
                                    flagged?: string;
                                    lock: "ok" | string;
                                    mode?: string;
                                    offline?: boolean;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Exit";
                            } | {
                                details: {
                                    factors?: string;
                                    fingerScore?: number;
                                    liveness?: string | null;
                                    mode?: string;
                                    offline?: boolean;
                                    reason: string;
                                    score?: number | null;
                                    snapshot?: string | null;
                                    via?: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Denied";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Intrusion";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArming";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmArmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmDisarmed";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmPending";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    mode: "home" | "away" | null;
                                    reason: string;
                                    /** @enum {unknown} */
                                    to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmTriggered";
                            } | {
                                details: {
                                    command: string;
                                    reason: string;
                                    until?: number;
                                    via: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlarmCommandRejected";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOpened";
                            } | {
                                details: {
                                    kind: string;
                                    name: string;
                                    zone: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorClosed";
                            } | {
                                details: {
                                    name: string;
                                    reason: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOffline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorOnline";
                            } | {
                                details: {
                                    name: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorTamper";
                            } | {
                                details: {
                                    battery: number;
                                    name: string;
                                    threshold: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SensorBatteryLow";
                            } | {
                                details: {
                                    factors: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DuressAlarm";
                            } | {
                                details: {
                                    faces: number;
                                    granted: number;
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "Tailgating";
                            } | {
                                details: {
                                    lockouts: number;
                                    seconds: number;
                                    until: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "TerminalLockout";
                            } | {
                                details: {
                                    by: string;
                                    lock: "ok" | string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorUnlocked";
                            } | {
                                details: {
                                    snapshot?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorForced";
                            } | {
                                details: {
                                    seconds: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "DoorHeldOpen";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOffline";
                            } | {
                                details: {
                                    camera: string;
                                    detail?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "CameraOnline";
                            } | {
                                details: {
                                    alert: number;
                                    alerts?: number;
                                    alertType: string;
                                    by: string;
                                    incident?: number;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "AlertAcknowledged";
                            } | {
                                details: {
                                    detail?: string | null;
                                    reason: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOffline";
                            } | {
                                details: {
                                    sensor?: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "FingerprintReaderOnline";
                            } | {
                                details: {
                                    /** @enum {unknown} */
                                    action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                    by: string;
                                    from: string;
                                    item: string | null;
                                    /** @enum {unknown} */
                                    subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                    target: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "ConfigChanged";
                            } | {
                                details: {
                                    from: string;
                                    username: string;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignedIn";
                            } | {
                                details: {
                                    from: string;
                                    reason: string;
                                    username: string | null;
                                };
                                doorId: string | null;
                                hash: string;
                                personId: string | null;
                                prevHash: string;
                                sensorId: string | null;
                                seq: number;
                                /** @description ms since the epoch */
                                time: number;
                                /** @enum {string} */
                                type: "SignInFailed";
                            }) | null;
                            /** @enum {unknown} */
                            severity: "critical" | "warning" | "info" | "ok";
                            startedAt: number;
                            updatedAt: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an incident with all its alerts (logged once as AlertAcknowledged with who) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                factors?: string;
                                fallback?: string;
                                fingerScore?: number;
                                flagged?: string;
                                lock: "ok" | string;
                                mode?: string;
                                offline?: boolean;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Entry";
                        } | {
                            details: {
                                factors?: string;
                                fallback?: string;
                                fingerScore?: number;
                                flagged?: string;
                                lock: "ok" | string;
                                mode?: string;
                                offline?: boolean;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Exit";
                        } | {
                            details: {
                                factors?: string;
                                fingerScore?: number;
                                liveness?: string | null;
                                mode?: string;
                                offline?: boolean;
                                reason: string;
                                score?: number | null;
                                snapshot?: string | null;
                                via?: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Denied";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                alarm: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Intrusion";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmArming";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmArmed";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmDisarmed";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmPending";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                from: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                mode: "home" | "away" | null;
                                reason: string;
                                /** @enum {unknown} */
                                to: "disarmed" | "arming" | "armed_home" | "armed_away" | "pending" | "triggered";
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmTriggered";
                        } | {
                            details: {
                                command: string;
                                reason: string;
                                until?: number;
                                via: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlarmCommandRejected";
                        } | {
                            details: {
                                kind: string;
                                name: string;
                                zone: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOpened";
                        } | {
                            details: {
                                kind: string;
                                name: string;
                                zone: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorClosed";
                        } | {
                            details: {
                                name: string;
                                reason: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOffline";
                        } | {
                            details: {
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorOnline";
                        } | {
                            details: {
                                name: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorTamper";
                        } | {
                            details: {
                                battery: number;
                                name: string;
                                threshold: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SensorBatteryLow";
                        } | {
                            details: {
                                factors: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DuressAlarm";
                        } | {
                            details: {
                                faces: number;
                                granted: number;
                                snapshot?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "Tailgating";
                        } | {
                            details: {
                                lockouts: number;
                                seconds: number;
                                until: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "TerminalLockout";
                        } | {
                            details: {
                                by: string;
                                lock: "ok" | string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorUnlocked";
                        } | {
                            details: {
                                snapshot?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorForced";
                        } | {
                            details: {
                                seconds: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "DoorHeldOpen";
                        } | {
                            details: {
                                camera: string;
                                detail?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "CameraOffline";
                        } | {
                            details: {
                                camera: string;
                                detail?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "CameraOnline";
                        } | {
                            details: {
                                alert: number;
                                alerts?: number;
                                alertType: string;
                                by: string;
                                incident?: number;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "AlertAcknowledged";
                        } | {
                            details: {
                                detail?: string | null;
                                reason: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "FingerprintReaderOffline";
                        } | {
                            details: {
                                sensor?: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "FingerprintReaderOnline";
                        } | {
                            details: {
                                /** @enum {unknown} */
                                action: "created" | "changed" | "deleted" | "issued" | "revoked" | "exported" | "restored";
                                by: string;
                                from: string;
                                item: string | null;
                                /** @enum {unknown} */
                                subject: "account" | "sessions" | "person" | "face" | "pin" | "duress_pin" | "fob" | "credential" | "schedule" | "sensor" | "sensor_login" | "sensor_key" | "door_token" | "fingerprint" | "fingerprint_sensor" | "notify_channel" | "push_subscription" | "retention" | "homeassistant_login" | "wireguard_peer" | "backup" | "node" | "node_login";
                                target: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "ConfigChanged";
                        } | {
                            details: {
                                from: string;
                                username: string;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SignedIn";
                        } | {
                            details: {
                                from: string;
                                reason: string;
                                username: string | null;
                            };
                            doorId: string | null;
                            hash: string;
                            personId: string | null;
                            prevHash: string;
                            sensorId: string | null;
                            seq: number;
                            /** @description ms since the epoch */
                            time: number;
                            /** @enum {string} */
                            type: "SignInFailed";
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus text format */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Door nodes and their health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ackedSeq: number;
                            createdAt: number;
                            doors: string[];
                            id: string;
                            joinedAt: number | null;
                            /** @description a join token was made and is still good */
                            joinPending: boolean;
                            lastSeen: number | null;
                            name: string;
                            online: boolean;
                            /** @description the replica version the node says it applied */
                            snapshotApplied: number;
                            /** @description the replica version last published to the node */
                            snapshotVersion: number;
                            /** @description events the node holds that the hub has not acked */
                            spoolDepth: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Add a door node for these doors of the hub configuration; the reply holds its one-time join token (good for 24 h, shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        doors: string[];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a door node: its key and MQTT login stop working */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A door node joins with its one-time token: its key, MQTT login and doors (the token then stops working) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            doors: {
                                [key: string]: unknown;
                            }[];
                            key: string;
                            mqtt: {
                                password: string;
                                pinnedCert?: string;
                                url: string;
                                username: string;
                            };
                            nodeId: string;
                            prefix: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notify/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notification channels (secrets masked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            name: string;
                            rules: {
                                /** @default 0 */
                                groupSeconds: number;
                                /** @default 10 */
                                maxPerMinute: number;
                                /**
                                 * @default [
                                 *       "SensorBatteryLow"
                                 *     ]
                                 */
                                oncePerDay: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                                /** @default [] */
                                people: string[];
                                quietHours?: {
                                    from: string;
                                    to: string;
                                };
                                types: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                                /**
                                 * @default [
                                 *       "Intrusion",
                                 *       "AlarmTriggered",
                                 *       "DuressAlarm",
                                 *       "DoorForced"
                                 *     ]
                                 */
                                urgent: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            };
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @enum {unknown} */
                            type: "webpush" | "ntfy" | "telegram" | "email" | "webhook";
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Add a channel */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        enabled: boolean;
                        name: string;
                        rules: {
                            /** @default 0 */
                            groupSeconds: number;
                            /** @default 10 */
                            maxPerMinute: number;
                            /**
                             * @default [
                             *       "SensorBatteryLow"
                             *     ]
                             */
                            oncePerDay: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            /** @default [] */
                            people: string[];
                            quietHours?: {
                                from: string;
                                to: string;
                            };
                            types: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            /**
                             * @default [
                             *       "Intrusion",
                             *       "AlarmTriggered",
                             *       "DuressAlarm",
                             *       "DoorForced"
                             *     ]
                             */
                            urgent: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                        /** @enum {unknown} */
                        type: "webpush" | "ntfy" | "telegram" | "email" | "webhook";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            name: string;
                            rules: {
                                /** @default 0 */
                                groupSeconds: number;
                                /** @default 10 */
                                maxPerMinute: number;
                                /**
                                 * @default [
                                 *       "SensorBatteryLow"
                                 *     ]
                                 */
                                oncePerDay: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                                /** @default [] */
                                people: string[];
                                quietHours?: {
                                    from: string;
                                    to: string;
                                };
                                types: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                                /**
                                 * @default [
                                 *       "Intrusion",
                                 *       "AlarmTriggered",
                                 *       "DuressAlarm",
                                 *       "DoorForced"
                                 *     ]
                                 */
                                urgent: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            };
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @enum {unknown} */
                            type: "webpush" | "ntfy" | "telegram" | "email" | "webhook";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notify/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a channel */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default true */
                        enabled: boolean;
                        name: string;
                        rules: {
                            /** @default 0 */
                            groupSeconds: number;
                            /** @default 10 */
                            maxPerMinute: number;
                            /**
                             * @default [
                             *       "SensorBatteryLow"
                             *     ]
                             */
                            oncePerDay: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            /** @default [] */
                            people: string[];
                            quietHours?: {
                                from: string;
                                to: string;
                            };
                            types: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            /**
                             * @default [
                             *       "Intrusion",
                             *       "AlarmTriggered",
                             *       "DuressAlarm",
                             *       "DoorForced"
                             *     ]
                             */
                            urgent: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                        /** @enum {unknown} */
                        type: "webpush" | "ntfy" | "telegram" | "email" | "webhook";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            name: string;
                            rules: {
                                /** @default 0 */
                                groupSeconds: number;
                                /** @default 10 */
                                maxPerMinute: number;
                                /**
                                 * @default [
                                 *       "SensorBatteryLow"
                                 *     ]
                                 */
                                oncePerDay: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                                /** @default [] */
                                people: string[];
                                quietHours?: {
                                    from: string;
                                    to: string;
                                };
                                types: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                                /**
                                 * @default [
                                 *       "Intrusion",
                                 *       "AlarmTriggered",
                                 *       "DuressAlarm",
                                 *       "DoorForced"
                                 *     ]
                                 */
                                urgent: ("Entry" | "Exit" | "Denied" | "Intrusion" | "AlarmArming" | "AlarmArmed" | "AlarmDisarmed" | "AlarmPending" | "AlarmTriggered" | "AlarmCommandRejected" | "SensorOpened" | "SensorClosed" | "SensorOffline" | "SensorOnline" | "SensorTamper" | "SensorBatteryLow" | "DuressAlarm" | "Tailgating" | "TerminalLockout" | "DoorUnlocked" | "DoorForced" | "DoorHeldOpen" | "CameraOffline" | "CameraOnline" | "AlertAcknowledged" | "FingerprintReaderOffline" | "FingerprintReaderOnline" | "ConfigChanged" | "SignedIn" | "SignInFailed")[];
                            };
                            settings: {
                                [key: string]: unknown;
                            };
                            /** @enum {unknown} */
                            type: "webpush" | "ntfy" | "telegram" | "email" | "webhook";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a channel and its unsent messages */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notify/channels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test message now (web push: to your own browsers) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error?: string;
                            ok: boolean;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notify/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest messages and how their delivery went */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            channel: string | null;
                            channelId: string;
                            createdAt: number;
                            id: number;
                            lastError: string | null;
                            nextAt: number;
                            sentAt: number | null;
                            seqs: number[];
                            status: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everyone enrolled, by name */
        get: {
            parameters: {
                query?: {
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: {
                                doors: string[] | null;
                                schedule: {
                                    days: number[];
                                    /** @description HH:MM, local time */
                                    from: string;
                                    /** @description HH:MM, local time */
                                    to: string;
                                }[] | null;
                            };
                            createdAt: number;
                            faces: number;
                            id: string;
                            name: string;
                            updatedAt: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Add a person */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: {
                                doors: string[] | null;
                                schedule: {
                                    days: number[];
                                    /** @description HH:MM, local time */
                                    from: string;
                                    /** @description HH:MM, local time */
                                    to: string;
                                }[] | null;
                            };
                            createdAt: number;
                            faces: number;
                            id: string;
                            name: string;
                            updatedAt: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: {
                                doors: string[] | null;
                                schedule: {
                                    days: number[];
                                    /** @description HH:MM, local time */
                                    from: string;
                                    /** @description HH:MM, local time */
                                    to: string;
                                }[] | null;
                            };
                            createdAt: number;
                            faces: number;
                            id: string;
                            name: string;
                            templates: {
                                createdAt: number;
                                /** @description the enrolment photo is kept (vision.keepPhotos) */
                                hasPhoto: boolean;
                                /** @description GET …/faces/:faceId/thumbnail has a picture of this face (admins only) */
                                hasThumbnail: boolean;
                                id: string;
                                personId: string;
                                quality: {
                                    detection: number;
                                    eyeDistance: number;
                                    pitch: number;
                                    roll: number;
                                    sharpness: number;
                                    yaw: number;
                                };
                            }[];
                            updatedAt: number;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a person with every face template and photo, and their fingers on the door sensors */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: {
                                doors: string[] | null;
                                schedule: {
                                    days: number[];
                                    /** @description HH:MM, local time */
                                    from: string;
                                    /** @description HH:MM, local time */
                                    to: string;
                                }[] | null;
                            };
                            createdAt: number;
                            faces: number;
                            id: string;
                            name: string;
                            updatedAt: number;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/people/{id}/access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Which doors the person may open, and when (null = all doors / any time) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        doors: string[] | null;
                        schedule: {
                            days: number[];
                            /** @description HH:MM, local time */
                            from: string;
                            /** @description HH:MM, local time */
                            to: string;
                        }[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            access: {
                                doors: string[] | null;
                                schedule: {
                                    days: number[];
                                    /** @description HH:MM, local time */
                                    from: string;
                                    /** @description HH:MM, local time */
                                    to: string;
                                }[] | null;
                            };
                            createdAt: number;
                            faces: number;
                            id: string;
                            name: string;
                            updatedAt: number;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's PINs and fobs (kinds only, never the values) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            id: string;
                            /** @enum {unknown} */
                            kind: "pin" | "duress_pin" | "fob";
                            personId: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/credentials/{credentialId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    credentialId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/duress-pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the duress PIN: opens as usual and raises a silent alarm */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 4-12 digits; stored as a keyed hash, never shown again */
                        pin: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/faces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enrol a face from a photo showing exactly this one person
         * @description the image as a multipart file field, or as the raw request body
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @description the enrolment photo is kept (vision.keepPhotos) */
                            hasPhoto: boolean;
                            /** @description GET …/faces/:faceId/thumbnail has a picture of this face (admins only) */
                            hasThumbnail: boolean;
                            id: string;
                            personId: string;
                            quality: {
                                detection: number;
                                eyeDistance: number;
                                pitch: number;
                                roll: number;
                                sharpness: number;
                                yaw: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/faces/{faceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    faceId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/faces/{faceId}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The enrolled face, 112x112 JPEG, aligned (kept with the template, whether or not photos are kept) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    faceId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's enrolled fingers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @description the door whose sensor holds the template */
                            doorId: string | null;
                            /** @description the emergency finger: opens as usual and raises a silent DuressAlarm */
                            duress: boolean;
                            id: string;
                            label: string;
                            /** @description how well the two enrolment samples agreed (the sensor's match score) */
                            score: number | null;
                            /** @description the template's slot in the sensor's flash */
                            slot: number;
                        }[];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Enrol a finger on a door's reader: place, lift, place again (follow the progress at GET /api/doors/{id}/fingerprint); answers once the finger is stored */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        door: string;
                        /**
                         * @description the emergency finger
                         * @default false
                         */
                        duress: boolean;
                        /**
                         * @description which finger, e.g. left thumb
                         * @default
                         */
                        label: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            /** @description the door whose sensor holds the template */
                            doorId: string | null;
                            /** @description the emergency finger: opens as usual and raises a silent DuressAlarm */
                            duress: boolean;
                            id: string;
                            label: string;
                            /** @description how well the two enrolment samples agreed (the sensor's match score) */
                            score: number | null;
                            /** @description the template's slot in the sensor's flash */
                            slot: number;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                408: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                507: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/fingerprints/{fingerprintId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a finger from the sensor and from Vigil */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fingerprintId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/fobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an RFID fob */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fob: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the PIN */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 4-12 digits; stored as a keyed hash, never shown again */
                        pin: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The VAPID public key browsers subscribe with */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            publicKey: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Notify this browser (its PushSubscription's JSON) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                        expirationTime?: number | null;
                        keys: {
                            auth: string;
                            p256dh: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        /** Stop notifying this browser */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        endpoint: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recognize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find and identify every face in an image
         * @description the image as a multipart file field, or as the raw request body
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            faces: {
                                /** @description single-frame antispoof score 0..1 (Human), higher = more like a real face; compared with vision.minAntispoof */
                                antispoof: number;
                                /** @description x, y, width, height */
                                box: number[];
                                /** @description never true from one image (a good photo of a face passes every single-frame check): false = the single-frame presentation-attack check refuses this face (antispoof or liveness below the configured minimum); null = unknown. Only the door, over a burst of frames (and a challenge), decides that a face is live. */
                                live: false | null;
                                /** @description single-frame liveness score 0..1 (Human), higher = more like a real face; compared with vision.minLiveness */
                                liveness: number;
                                person: {
                                    id: string;
                                    name: string;
                                } | null;
                                problems: string[];
                                quality: {
                                    detection: number;
                                    eyeDistance: number;
                                    pitch: number;
                                    roll: number;
                                    sharpness: number;
                                    yaw: number;
                                };
                                /** @description cosine similarity to the best enrolled template */
                                score: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/remote/peers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Phones that may connect by WireGuard */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            createdAt: number;
                            name: string;
                            publicKey: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Make a phone's WireGuard config (and QR code) and the router's commands for it; the phone's private key is shown only this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 1-32 letters, digits, - or _ */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: string;
                            peer: {
                                address: string;
                                createdAt: number;
                                name: string;
                                publicKey: string;
                            };
                            qrSvg: string;
                            uci: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/remote/peers/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Forget a phone; the reply holds the router commands that lock it out */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 1-32 letters, digits, - or _ */
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description commands for the OpenWrt router */
                            uci: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/remote/router": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The router's whole WireGuard setup as uci commands (holds the router's private key) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description commands for the OpenWrt router */
                            uci: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sensors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every sensor with its live state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 20 */
                            batteryLow: number;
                            /**
                             * @description ignored while armed_home
                             * @default false
                             */
                            bypassHome: boolean;
                            /** @description seconds before an opening triggers the alarm; default 30 for a door, 0 for a window */
                            entryDelay: number;
                            /** @description An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor */
                            format?: {
                                /**
                                 * @description Zigbee2MQTT's base topic (Zigbee2MQTT)
                                 * @default zigbee2mqtt
                                 */
                                baseTopic: string;
                                /** @description Zigbee2MQTT: Zigbee2MQTT friendly name; Tasmota: Tasmota topic; ESPHome: ESPHome node name; Shelly Door/Window: Shelly device id */
                                device: string;
                                /**
                                 * @description Tasmota: Switch (default Switch1); ESPHome: Binary sensor id
                                 * @default
                                 */
                                input: string;
                                /**
                                 * @description which state means open (Tasmota, ESPHome)
                                 * @default ON
                                 * @enum {unknown}
                                 */
                                openWhen: "ON" | "OFF";
                                /** @enum {unknown} */
                                type: "zigbee2mqtt" | "tasmota" | "esphome" | "shelly";
                            };
                            /**
                             * @description seconds of silence before the sensor counts as offline; 0 = never
                             * @default 0
                             */
                            heartbeat: number;
                            /** @description letters, digits, - and _; up to 64 */
                            id: string;
                            /**
                             * @default door
                             * @enum {unknown}
                             */
                            kind: "door" | "window";
                            name: string;
                            /**
                             * @description messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices
                             * @default true
                             */
                            signed: boolean;
                            source: "config" | "api";
                            state: {
                                battery: number | null;
                                contact: "open" | "closed" | null;
                                lastSeen: number | null;
                                online: boolean | null;
                                tamper: boolean | null;
                            };
                            /** @default false */
                            triggerOnOffline: boolean;
                            /** @default true */
                            triggerOnTamper: boolean;
                            /** @default default */
                            zone: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Register a sensor; the reply carries its MQTT password, shown only this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 20 */
                        batteryLow: number;
                        /**
                         * @description ignored while armed_home
                         * @default false
                         */
                        bypassHome: boolean;
                        /** @description seconds before an opening triggers the alarm; default 30 for a door, 0 for a window */
                        entryDelay: number;
                        /** @description An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor */
                        format?: {
                            /**
                             * @description Zigbee2MQTT's base topic (Zigbee2MQTT)
                             * @default zigbee2mqtt
                             */
                            baseTopic: string;
                            /** @description Zigbee2MQTT: Zigbee2MQTT friendly name; Tasmota: Tasmota topic; ESPHome: ESPHome node name; Shelly Door/Window: Shelly device id */
                            device: string;
                            /**
                             * @description Tasmota: Switch (default Switch1); ESPHome: Binary sensor id
                             * @default
                             */
                            input: string;
                            /**
                             * @description which state means open (Tasmota, ESPHome)
                             * @default ON
                             * @enum {unknown}
                             */
                            openWhen: "ON" | "OFF";
                            /** @enum {unknown} */
                            type: "zigbee2mqtt" | "tasmota" | "esphome" | "shelly";
                        };
                        /**
                         * @description seconds of silence before the sensor counts as offline; 0 = never
                         * @default 0
                         */
                        heartbeat: number;
                        /** @description letters, digits, - and _; up to 64 */
                        id: string;
                        /**
                         * @default door
                         * @enum {unknown}
                         */
                        kind: "door" | "window";
                        name: string;
                        /**
                         * @description messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices
                         * @default true
                         */
                        signed: boolean;
                        /** @default false */
                        triggerOnOffline: boolean;
                        /** @default true */
                        triggerOnTamper: boolean;
                        /** @default default */
                        zone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            device: {
                                /** @description config.h for firmware/esp8266-door-sensor */
                                firmwareConfig: string;
                                /** @description 64 hex digits: the HMAC-SHA256 key the sensor signs with */
                                signingKey: string;
                            } | null;
                            mqtt: {
                                availabilityTopic: string;
                                password: string;
                                stateTopic: string;
                                username: string;
                            } | null;
                            sensor: {
                                /** @default 20 */
                                batteryLow: number;
                                /**
                                 * @description ignored while armed_home
                                 * @default false
                                 */
                                bypassHome: boolean;
                                /** @description seconds before an opening triggers the alarm; default 30 for a door, 0 for a window */
                                entryDelay: number;
                                /** @description An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor */
                                format?: {
                                    /**
                                     * @description Zigbee2MQTT's base topic (Zigbee2MQTT)
                                     * @default zigbee2mqtt
                                     */
                                    baseTopic: string;
                                    /** @description Zigbee2MQTT: Zigbee2MQTT friendly name; Tasmota: Tasmota topic; ESPHome: ESPHome node name; Shelly Door/Window: Shelly device id */
                                    device: string;
                                    /**
                                     * @description Tasmota: Switch (default Switch1); ESPHome: Binary sensor id
                                     * @default
                                     */
                                    input: string;
                                    /**
                                     * @description which state means open (Tasmota, ESPHome)
                                     * @default ON
                                     * @enum {unknown}
                                     */
                                    openWhen: "ON" | "OFF";
                                    /** @enum {unknown} */
                                    type: "zigbee2mqtt" | "tasmota" | "esphome" | "shelly";
                                };
                                /**
                                 * @description seconds of silence before the sensor counts as offline; 0 = never
                                 * @default 0
                                 */
                                heartbeat: number;
                                /** @description letters, digits, - and _; up to 64 */
                                id: string;
                                /**
                                 * @default door
                                 * @enum {unknown}
                                 */
                                kind: "door" | "window";
                                name: string;
                                /**
                                 * @description messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices
                                 * @default true
                                 */
                                signed: boolean;
                                source: "config" | "api";
                                state: {
                                    battery: number | null;
                                    contact: "open" | "closed" | null;
                                    lastSeen: number | null;
                                    online: boolean | null;
                                    tamper: boolean | null;
                                };
                                /** @default false */
                                triggerOnOffline: boolean;
                                /** @default true */
                                triggerOnTamper: boolean;
                                /** @default default */
                                zone: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sensors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description letters, digits, - and _; up to 64 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 20 */
                            batteryLow: number;
                            /**
                             * @description ignored while armed_home
                             * @default false
                             */
                            bypassHome: boolean;
                            /** @description seconds before an opening triggers the alarm; default 30 for a door, 0 for a window */
                            entryDelay: number;
                            /** @description An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor */
                            format?: {
                                /**
                                 * @description Zigbee2MQTT's base topic (Zigbee2MQTT)
                                 * @default zigbee2mqtt
                                 */
                                baseTopic: string;
                                /** @description Zigbee2MQTT: Zigbee2MQTT friendly name; Tasmota: Tasmota topic; ESPHome: ESPHome node name; Shelly Door/Window: Shelly device id */
                                device: string;
                                /**
                                 * @description Tasmota: Switch (default Switch1); ESPHome: Binary sensor id
                                 * @default
                                 */
                                input: string;
                                /**
                                 * @description which state means open (Tasmota, ESPHome)
                                 * @default ON
                                 * @enum {unknown}
                                 */
                                openWhen: "ON" | "OFF";
                                /** @enum {unknown} */
                                type: "zigbee2mqtt" | "tasmota" | "esphome" | "shelly";
                            };
                            /**
                             * @description seconds of silence before the sensor counts as offline; 0 = never
                             * @default 0
                             */
                            heartbeat: number;
                            /** @description letters, digits, - and _; up to 64 */
                            id: string;
                            /**
                             * @default door
                             * @enum {unknown}
                             */
                            kind: "door" | "window";
                            name: string;
                            /**
                             * @description messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices
                             * @default true
                             */
                            signed: boolean;
                            source: "config" | "api";
                            state: {
                                battery: number | null;
                                contact: "open" | "closed" | null;
                                lastSeen: number | null;
                                online: boolean | null;
                                tamper: boolean | null;
                            };
                            /** @default false */
                            triggerOnOffline: boolean;
                            /** @default true */
                            triggerOnTamper: boolean;
                            /** @default default */
                            zone: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description letters, digits, - and _; up to 64 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description letters, digits, - and _; up to 64 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 20 */
                        batteryLow?: number;
                        /**
                         * @description ignored while armed_home
                         * @default false
                         */
                        bypassHome?: boolean;
                        /** @description seconds before an opening triggers the alarm; default 30 for a door, 0 for a window */
                        entryDelay?: number;
                        /** @description An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor */
                        format?: {
                            /**
                             * @description Zigbee2MQTT's base topic (Zigbee2MQTT)
                             * @default zigbee2mqtt
                             */
                            baseTopic: string;
                            /** @description Zigbee2MQTT: Zigbee2MQTT friendly name; Tasmota: Tasmota topic; ESPHome: ESPHome node name; Shelly Door/Window: Shelly device id */
                            device: string;
                            /**
                             * @description Tasmota: Switch (default Switch1); ESPHome: Binary sensor id
                             * @default
                             */
                            input: string;
                            /**
                             * @description which state means open (Tasmota, ESPHome)
                             * @default ON
                             * @enum {unknown}
                             */
                            openWhen: "ON" | "OFF";
                            /** @enum {unknown} */
                            type: "zigbee2mqtt" | "tasmota" | "esphome" | "shelly";
                        };
                        /**
                         * @description seconds of silence before the sensor counts as offline; 0 = never
                         * @default 0
                         */
                        heartbeat?: number;
                        /**
                         * @default door
                         * @enum {unknown}
                         */
                        kind?: "door" | "window";
                        name?: string;
                        /**
                         * @description messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices
                         * @default true
                         */
                        signed?: boolean;
                        /** @default false */
                        triggerOnOffline?: boolean;
                        /** @default true */
                        triggerOnTamper?: boolean;
                        /** @default default */
                        zone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 20 */
                            batteryLow: number;
                            /**
                             * @description ignored while armed_home
                             * @default false
                             */
                            bypassHome: boolean;
                            /** @description seconds before an opening triggers the alarm; default 30 for a door, 0 for a window */
                            entryDelay: number;
                            /** @description An off-the-shelf sensor's own MQTT messages, mapped onto a Vigil sensor */
                            format?: {
                                /**
                                 * @description Zigbee2MQTT's base topic (Zigbee2MQTT)
                                 * @default zigbee2mqtt
                                 */
                                baseTopic: string;
                                /** @description Zigbee2MQTT: Zigbee2MQTT friendly name; Tasmota: Tasmota topic; ESPHome: ESPHome node name; Shelly Door/Window: Shelly device id */
                                device: string;
                                /**
                                 * @description Tasmota: Switch (default Switch1); ESPHome: Binary sensor id
                                 * @default
                                 */
                                input: string;
                                /**
                                 * @description which state means open (Tasmota, ESPHome)
                                 * @default ON
                                 * @enum {unknown}
                                 */
                                openWhen: "ON" | "OFF";
                                /** @enum {unknown} */
                                type: "zigbee2mqtt" | "tasmota" | "esphome" | "shelly";
                            };
                            /**
                             * @description seconds of silence before the sensor counts as offline; 0 = never
                             * @default 0
                             */
                            heartbeat: number;
                            /** @description letters, digits, - and _; up to 64 */
                            id: string;
                            /**
                             * @default door
                             * @enum {unknown}
                             */
                            kind: "door" | "window";
                            name: string;
                            /**
                             * @description messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices
                             * @default true
                             */
                            signed: boolean;
                            source: "config" | "api";
                            state: {
                                battery: number | null;
                                contact: "open" | "closed" | null;
                                lastSeen: number | null;
                                online: boolean | null;
                                tamper: boolean | null;
                            };
                            /** @default false */
                            triggerOnOffline: boolean;
                            /** @default true */
                            triggerOnTamper: boolean;
                            /** @default default */
                            zone: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/sensors/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new MQTT password for this sensor (the old one stops working) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description letters, digits, - and _; up to 64 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            availabilityTopic: string;
                            password: string;
                            stateTopic: string;
                            username: string;
                        } | null;
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sensors/{id}/provision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new signing key and MQTT password for a Vigil ESP8266 sensor, with its config.h; the device's old ones stop working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description letters, digits, - and _; up to 64 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        wifiPassword?: string;
                        wifiSsid?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            device: {
                                /** @description config.h for firmware/esp8266-door-sensor */
                                firmwareConfig: string;
                                /** @description 64 hex digits: the HMAC-SHA256 key the sensor signs with */
                                signingKey: string;
                            } | null;
                            mqtt: {
                                availabilityTopic: string;
                                password: string;
                                stateTopic: string;
                                username: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retention, and how MQTT and the database are set up (the file and environment own the latter) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            database: {
                                kind: string;
                                location: string;
                            };
                            mqtt: {
                                address: string;
                                builtIn: boolean;
                                prefix: string;
                            };
                            retention: {
                                /** @description days snapshots are kept; 0 = for ever */
                                snapshotDays: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/homeassistant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new MQTT login for Home Assistant on the built-in broker (shown once; the old one stops working): it may read Vigil's states and send alarm and door commands */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            broker: {
                                host: string;
                                port: number;
                                tls: boolean;
                                tlsFingerprint: string | null;
                            };
                            discoveryPrefix: string;
                            password: string;
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** How long snapshots are kept */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description days snapshots are kept; 0 = for ever */
                        snapshotDays: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description days snapshots are kept; 0 = for ever */
                            snapshotDays: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/snapshots/{day}/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An event's snapshot (the name in its details.snapshot) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    day: string;
                    file: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/stats/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entries per hour over the last days (for the dashboard chart) */
        get: {
            parameters: {
                query: {
                    days: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: number;
                            hours: number[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A consistent copy of the database, taken while Vigil runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terminal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kiosk's door and what it shows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            door: {
                                id: string;
                                mode: string;
                                name: string;
                                takesFrames: boolean;
                            };
                            view: {
                                /** @description the step's factors, any one of which passes it */
                                accept?: ("pin" | "fob" | "finger" | "face")[];
                                name?: string;
                                /** @description while looking, on a door in challenge mode: what the person must do now, e.g. "Turn your head to your left, then blink twice" */
                                prompt?: string;
                                /**
                                 * @description looking: a step that takes the face; waiting: one that takes a PIN, card or finger
                                 * @enum {unknown}
                                 */
                                state: "idle" | "looking" | "waiting" | "granted" | "denied" | "locked_out";
                                until?: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terminal/credential": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A PIN typed (or fob read) at the kiosk */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        factor: "pin" | "fob";
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the step's factors, any one of which passes it */
                            accept?: ("pin" | "fob" | "finger" | "face")[];
                            name?: string;
                            /** @description while looking, on a door in challenge mode: what the person must do now, e.g. "Turn your head to your left, then blink twice" */
                            prompt?: string;
                            /**
                             * @description looking: a step that takes the face; waiting: one that takes a PIN, card or finger
                             * @enum {unknown}
                             */
                            state: "idle" | "looking" | "waiting" | "granted" | "denied" | "locked_out";
                            until?: number;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/terminal/frame": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A camera frame from the kiosk (image/jpeg body); answers with what to show */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the step's factors, any one of which passes it */
                            accept?: ("pin" | "fob" | "finger" | "face")[];
                            name?: string;
                            /** @description while looking, on a door in challenge mode: what the person must do now, e.g. "Turn your head to your left, then blink twice" */
                            prompt?: string;
                            /**
                             * @description looking: a step that takes the face; waiting: one that takes a PIN, card or finger
                             * @enum {unknown}
                             */
                            state: "idle" | "looking" | "waiting" | "granted" | "denied" | "locked_out";
                            until?: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every panel account, by name */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            id: string;
                            /** @description null: still the password it was created with */
                            passwordChangedAt: number | null;
                            /** @enum {unknown} */
                            role: "viewer" | "operator" | "admin";
                            username: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Add an account; without a password one is made and returned, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password?: string;
                        /** @enum {unknown} */
                        role: "viewer" | "operator" | "admin";
                        /** @description letters, digits, . _ @ -; up to 64 */
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            password: string | null;
                            user: {
                                createdAt: number;
                                id: string;
                                /** @description null: still the password it was created with */
                                passwordChangedAt: number | null;
                                /** @enum {unknown} */
                                role: "viewer" | "operator" | "admin";
                                username: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an account with its sessions */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an account's role (takes effect on its next request) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        role: "viewer" | "operator" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: number;
                            id: string;
                            /** @description null: still the password it was created with */
                            passwordChangedAt: number | null;
                            /** @enum {unknown} */
                            role: "viewer" | "operator" | "admin";
                            username: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/users/{id}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give an account a new password (made here, shown this once); signs it out everywhere */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description shown this once */
                            password: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            statusCode: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
