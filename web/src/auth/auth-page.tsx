import { useState, type FormEvent } from 'react';
import { api } from '../app/services';
import { errorMessage } from '../app/error-message';
import { Link } from '../router/link';
import { navigate } from '../router/router';

interface AuthPageProps {
  mode: 'sign-in' | 'sign-up';
  next: string | null;
  notice: string | null;
}

/** Sign in and sign up on one page; errors appear beside the form, never as alerts. */
export function AuthPage({ mode, next, notice }: AuthPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signUp = mode === 'sign-up';
  const query = next ? `?next=${encodeURIComponent(next)}` : '';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (signUp) await api.register({ email, password, name });
      await api.login({ email, password });
      navigate(next ?? '/', { replace: true });
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={(event) => void submit(event)} aria-labelledby="auth-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">{'</>'}</span> CodeSync
        </div>
        <h1 id="auth-title">{signUp ? 'Create your account' : 'Sign in'}</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {signUp && (
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required maxLength={80} />
          </label>
        )}
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={signUp ? 'new-password' : 'current-password'}
            minLength={signUp ? 8 : 1}
            required
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {signUp ? 'Sign up' : 'Sign in'}
        </button>
        <p className="auth-switch">
          {signUp ? 'Already have an account? ' : 'New here? '}
          <Link href={(signUp ? '/signin' : '/signup') + query}>{signUp ? 'Sign in' : 'Create an account'}</Link>
        </p>
      </form>
    </main>
  );
}
