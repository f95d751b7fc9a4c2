import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './session.tsx';
import { Layout } from './components/Layout.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Home } from './pages/Home.tsx';
import { LiveProvider } from './live.tsx';
import { IncidentsProvider } from './incidents.tsx';
import { NamesProvider } from './names.tsx';

// The status screen comes with the first load; every other page is fetched when it is opened.
const People = lazy(() => import('./pages/People.tsx'));
const PersonPage = lazy(() => import('./pages/Person.tsx'));
const Log = lazy(() => import('./pages/Log.tsx'));
const Devices = lazy(() => import('./pages/Devices.tsx'));
const Notifications = lazy(() => import('./pages/Notifications.tsx'));
const Users = lazy(() => import('./pages/Users.tsx'));
const Settings = lazy(() => import('./pages/Settings.tsx'));
const Account = lazy(() => import('./pages/Account.tsx'));
const More = lazy(() => import('./pages/More.tsx'));

export function App() {
  const { session, loading, can } = useSession();
  if (loading) return <p className="loading">Loading…</p>;
  if (!session) return <SignIn />;
  return (
    <LiveProvider>
      <NamesProvider>
        <IncidentsProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Home />} />
            <Route path="people" element={<People />} />
            <Route path="people/:id" element={<PersonPage />} />
            <Route path="log" element={<Log />} />
            <Route path="devices" element={<Devices />} />
            <Route path="notifications" element={<Notifications />} />
            {can('admin') && <Route path="users" element={<Users />} />}
            {can('admin') && <Route path="settings" element={<Settings />} />}
            <Route path="account" element={<Account />} />
            <Route path="more" element={<More />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
        </IncidentsProvider>
      </NamesProvider>
    </LiveProvider>
  );
}
