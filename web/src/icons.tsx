import {
  Ban,
  BatteryLow,
  Camera,
  CameraOff,
  Check,
  DoorClosed,
  DoorOpen,
  Hand,
  KeyRound,
  Lock,
  LockOpen,
  LogIn,
  LogOut,
  Settings,
  ShieldAlert,
  ShieldCheck,
  ShieldOff,
  Shield,
  Siren,
  Timer,
  Users,
  UserX,
  Wifi,
  WifiOff,
  type LucideIcon,
} from 'lucide-react';
import type { EventIcon as IconName, Severity } from '../../src/core/eventCatalogue.ts';

/** The catalogue names an icon; this draws it. */
const ICONS: Record<IconName, LucideIcon> = {
  'log-in': LogIn,
  'log-out': LogOut,
  ban: Ban,
  siren: Siren,
  shield: Shield,
  'shield-check': ShieldCheck,
  'shield-off': ShieldOff,
  'shield-alert': ShieldAlert,
  timer: Timer,
  'door-open': DoorOpen,
  'door-closed': DoorClosed,
  wifi: Wifi,
  'wifi-off': WifiOff,
  hand: Hand,
  'battery-low': BatteryLow,
  'user-x': UserX,
  users: Users,
  lock: Lock,
  unlock: LockOpen,
  camera: Camera,
  'camera-off': CameraOff,
  check: Check,
  settings: Settings,
  key: KeyRound,
};

/** An event's icon in its severity's colour; decorative, the words beside it say the same. */
export function EventIcon({ name, severity, size = 20 }: { name: IconName; severity: Severity; size?: number }) {
  const Icon = ICONS[name];
  return (
    <span className={`event-icon sev-${severity}`} aria-hidden="true">
      <Icon size={size} />
    </span>
  );
}
