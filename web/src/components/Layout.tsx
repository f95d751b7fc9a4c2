import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Bell, Cpu, Ellipsis, House, LogOut, ScrollText, Settings, UserCog, UserRound, Users } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { useSession } from '../session.tsx';
import { AlertBanner } from './AlertBanner.tsx';
import type { Role } from '../api.ts';

interface Item {
  to: string;
  label: string;
  icon: LucideIcon;
  role?: Role;
  /** On a phone's tab bar; the others are under More. */
  tab?: boolean;
}

export const NAV: Item[] = [
  { to: '/', label: 'Status', icon: House, tab: true },
  { to: '/people', label: 'People', icon: Users, tab: true },
  { to: '/log', label: 'Log', icon: ScrollText, tab: true },
  { to: '/devices', label: 'Sensors & doors', icon: Cpu, tab: true },
  { to: '/notifications', label: 'Notifications', icon: Bell },
  { to: '/users', label: 'Users', icon: UserCog, role: 'admin' },
  { to: '/settings', label: 'Settings', icon: Settings, role: 'admin' },
  { to: '/account', label: 'Account', icon: UserRound },
];

export function Layout() {
  const { session, signOut, can } = useSession();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="nav" aria-label="Main">
        <span className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} /> Vigil
        </span>
        <ul>
          {NAV.filter((i) => !i.role || can(i.role)).map((i) => (
            <li key={i.to} className={i.tab ? 'tab' : 'more-item'}>
              <NavLink to={i.to} end={i.to === '/'}>
                <i.icon aria-hidden="true" size={22} />
                <span>{i.label}</span>
              </NavLink>
            </li>
          ))}
          <li className="more-tab">
            <NavLink to="/more">
              <Ellipsis aria-hidden="true" size={22} />
              <span>More</span>
            </NavLink>
          </li>
        </ul>
        <div className="who">
          <span>
            {session?.user.username} <span className="muted">({session?.user.role})</span>
          </span>
          <button type="button" className="btn ghost" onClick={() => void signOut()}>
            <LogOut aria-hidden="true" size={18} /> Sign out
          </button>
        </div>
      </nav>
      <div className="column">
        <AlertBanner />
        <main id="main">
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
