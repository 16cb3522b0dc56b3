import Link from "next/link";

// Requests outside any locale (rare: the proxy adds one) get a bilingual plain page.
export default function GlobalNotFound() {
  return (
    <html lang="da">
      <body>
        <main>
          <h1>Siden findes ikke</h1>
          <p>
            <Link href="/da">Gå til forsiden</Link>
          </p>
          <p lang="sv">
            <Link href="/sv" hrefLang="sv">
              Sidan finns inte. Gå till startsidan
            </Link>
          </p>
        </main>
      </body>
    </html>
  );
}
