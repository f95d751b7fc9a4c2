import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session.tsx';
import { AlertBanner } from './AlertBanner.tsx';

export function Layout() {
  const { session, signOut, can } = useSession();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Vigil</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Dashboard
          </NavLink>
          <NavLink to="/people">People</NavLink>
          <NavLink to="/log">Log</NavLink>
          <NavLink to="/devices">Sensors &amp; doors</NavLink>
          {can('admin') && <NavLink to="/settings">Settings</NavLink>}
        </nav>
        <span className="who">
          {session?.user.username} ({session?.user.role})
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <AlertBanner />
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
