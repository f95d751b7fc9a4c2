import { Link } from 'react-router';
import { ChevronRight, LogOut } from 'lucide-react';
import { NAV } from '../components/Layout.tsx';
import { PageHeader } from '../components/ui.tsx';
import { useSession } from '../session.tsx';

/** The phone's "More" tab: the pages that do not fit in the tab bar. */
export default function More() {
  const { can, signOut, session } = useSession();
  return (
    <>
      <PageHeader title="More">
        Signed in as {session?.user.username} ({session?.user.role})
      </PageHeader>
      <ul className="menu card">
        {NAV.filter((i) => !i.tab && (!i.role || can(i.role))).map((i) => (
          <li key={i.to}>
            <Link to={i.to}>
              <i.icon aria-hidden="true" size={22} /> <span>{i.label}</span> <ChevronRight aria-hidden="true" size={18} />
            </Link>
          </li>
        ))}
        <li>
          <button type="button" className="btn ghost" onClick={() => void signOut()}>
            <LogOut aria-hidden="true" size={22} /> Sign out
          </button>
        </li>
      </ul>
    </>
  );
}
