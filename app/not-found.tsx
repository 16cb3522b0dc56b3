// Requests outside any locale (rare: the proxy adds one) get a bilingual plain page.
export default function GlobalNotFound() {
  return (
    <html lang="da">
      <body>
        <main>
          <h1>Siden findes ikke</h1>
          <p>
            <a href="/da">Gå til forsiden</a>
          </p>
          <p lang="sv">
            <a href="/sv" hrefLang="sv">
              Sidan finns inte. Gå till startsidan
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
