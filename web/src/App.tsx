import { Navigate, Route, Routes } from 'react-router';
import { useSession } from './session.tsx';
import { Layout } from './components/Layout.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { People } from './pages/People.tsx';
import { PersonPage } from './pages/Person.tsx';
import { Log } from './pages/Log.tsx';
import { Devices } from './pages/Devices.tsx';
import { Settings } from './pages/Settings.tsx';

export function App() {
  const { session, loading } = useSession();
  if (loading) return <p className="loading">Loading…</p>;
  if (!session) return <SignIn />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Dashboard />} />
        <Route path="people" element={<People />} />
        <Route path="people/:id" element={<PersonPage />} />
        <Route path="log" element={<Log />} />
        <Route path="devices" element={<Devices />} />
        <Route path="settings" element={<Settings />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
