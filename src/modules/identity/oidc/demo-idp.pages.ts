/**
 * The demo identity provider's pages (demo-idp.ts): Swedish, each marked as a demo in its title,
 * in a banner and in its text, so that nobody takes it for their organisation's real sign-in.
 */

export const DEMO_MARK = 'Demo – inte för verklig användning';

export interface DemoPerson {
  email: string;
  name: string;
  organisation: string;
  role: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f1ea;color:#1d1d1b}
.demo{background:#8a1c00;color:#fff;padding:.75rem 1rem;font-weight:700;text-align:center;font-size:1.1rem}
main{max-width:44rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border:3px dashed #8a1c00}
label{display:block;margin-top:1rem;font-weight:600}input[type=email],input[type=password]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
.check{display:flex;gap:.5rem;align-items:center;margin-top:1rem}.check label{margin:0;font-weight:400}
button{margin-top:1.25rem;margin-right:.5rem;padding:.6rem 1.2rem;font-size:1rem;border:2px solid #1d1d1b;background:#fff;cursor:pointer}
button.primary{background:#1d1d1b;color:#fff}.error{background:#fde8e4;border-left:4px solid #8a1c00;padding:.5rem .75rem}
table{border-collapse:collapse;width:100%;margin-top:.5rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ccc}
code{font-size:.95rem}`;

export function demoPage(title: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} – ${DEMO_MARK}</title><style>${STYLE}</style></head>
<body><div class="demo" role="note">${DEMO_MARK}</div><main>${body}</main></body></html>`;
}

/** The login form of one interaction: the demo people, their shared password, and the second factor as a checkbox. */
export function loginPage(uid: string, people: readonly DemoPerson[], error?: string): string {
  const rows = people
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.email)}</code></td><td>${escapeHtml(p.organisation)}</td><td>${escapeHtml(p.role)}</td></tr>`,
    )
    .join('');
  return demoPage(
    'Demo-IdP: logga in',
    `<h1>Demo-IdP: logga in</h1>
<p>Det här är en <strong>låtsad identitetsleverantör</strong> som Samverkan startar i utvecklingsläge (<code>npm start</code>).
Den står för en organisations riktiga inloggning (t.ex. Entra ID) och finns aldrig i produktion.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="email">E-postadress</label><input id="email" name="email" type="email" autocomplete="username" required autofocus>
<label for="password">Lösenord</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="check"><input id="mfa" name="mfa" type="checkbox" value="yes" checked><label for="mfa">Andra faktorn är bekräftad (låtsad MFA)</label></div>
<button type="submit" class="primary">Logga in</button>
</form>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/abort"><button type="submit">Avbryt</button></form>
<h2>Demoanvändare</h2>
<p>Lösenord för alla: värdet av <code>SEED_PASSWORD</code> (förval <code>samverkan-demo-2026</code>). Utan andra faktorn nekar Samverkan inloggningen.</p>
<table><thead><tr><th scope="col">E-postadress</th><th scope="col">Organisation</th><th scope="col">Roll i Samverkan</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

/** The confirmation of RP-initiated logout; `form` is the provider's hidden form (id op.logoutForm). */
export function logoutPage(form: string): string {
  return demoPage(
    'Demo-IdP: logga ut',
    `<h1>Logga ut från demo-IdP:n?</h1>${form}
<p>Du är utloggad från Samverkan. Vill du logga ut från demo-identitetsleverantören också?</p>
<button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes">Ja, logga ut</button>
<button type="submit" form="op.logoutForm">Nej</button>`,
  );
}

export function loggedOutPage(): string {
  return demoPage('Demo-IdP: utloggad', `<h1>Du är utloggad från demo-IdP:n</h1><p><a href="/">Tillbaka</a></p>`);
}
