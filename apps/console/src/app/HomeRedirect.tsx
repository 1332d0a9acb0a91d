import { Navigate } from 'react-router';
import { homeOf } from './role-home';
import { useSession } from './SessionProvider';

export default function HomeRedirect() {
  const { state } = useSession();
  return <Navigate to={state ? homeOf(state.user.roles) : '/sign-in'} replace />;
}
