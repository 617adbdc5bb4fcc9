// The browser side of edgenet, inlined into every page (with the response's
// CSP nonce) by `Boot` in src/app/mod.rs and called with the addresses of
// the module's JavaScript glue, the WebAssembly module and the reader's
// message catalog.
//
// Two jobs, and nothing runs without JavaScript:
// - Start the WebAssembly module and hydrate the islands, the only parts of a
//   page that run in the browser. Pages without islands (sign-in) load nothing.
// - Keep navigation in the page: same-origin links and form posts are fetched
//   and the new page's <body> replaces the old one, so moving between pages or
//   submitting a form does not reload the document, the module or the
//   catalog. Every answer is the server's own page, exactly what the browser
//   would show without JavaScript. Leptos's islands router diffs pages instead
//   and leaves islands untouched, which keeps a form's old revision and errors
//   after a post (see docs/benchmarks-notes.md).
((js, wasm, catalog) => {
  // Loads the module and the catalog once, on first need. The three requests
  // (glue, module, catalog) go out at once; the module compiles as it streams in.
  let started = null;
  let module;
  const start = () =>
    (started ??= Promise.all([
      import(js),
      fetch(catalog).then((r) => (r.ok ? r.text() : "")),
    ]).then(async ([mod, text]) => {
      await mod.default({ module_or_path: module });
      mod.hydrate(text);
      return mod;
    }));

  async function hydrateIslands() {
    const islands = document.body.querySelectorAll("leptos-island");
    if (islands.length) {
      module ??= fetch(wasm);
      const mod = await start();
      for (const el of islands) {
        if (el.$$hydrated) continue;
        el.$$hydrated = true;
        const island = mod[el.dataset.component];
        if (island) island(el);
        else console.warn(`edgenet: no island ${el.dataset.component}`);
      }
    }
    // Markers for tests and benchmarks: the page is interactive, and when it became so.
    document.body.dataset.hydrated = "true";
    performance.mark("edgenet-hydrated");
  }

  // A notice answers one action (the parameters of `Outcome::to_query` and
  // `NOTICE_PARAMS` in src/state.rs, and an upload's errors): once shown, it
  // is dropped from the address, so that reloading the page or coming back
  // to it through the history does not show it again.
  const NOTICE = ["notice", "n", "m", "h", "at", "fe"];
  const withoutNotice = (href) => {
    const url = new URL(href);
    if (url.searchParams.has("notice")) for (const k of NOTICE) url.searchParams.delete(k);
    return url;
  };

  let current = 0;
  async function go(request, push, fallback) {
    const id = ++current;
    document.documentElement.setAttribute("aria-busy", "true");
    let res, doc;
    try {
      res = await fetch(request);
      const type = res.headers.get("content-type") ?? "";
      if (!type.startsWith("text/html")) throw new Error("not a page");
      doc = new DOMParser().parseFromString(await res.text(), "text/html");
    } catch {
      // Not a page (a raw manifest), or the device out of reach: let the
      // browser do it the ordinary way, which also shows its own error.
      return fallback();
    } finally {
      document.documentElement.removeAttribute("aria-busy");
    }
    if (id !== current) return;
    // Another language, or assets of another build: load the page whole.
    const same = (sel, attr) =>
      doc.querySelector(sel)?.getAttribute(attr) ===
      document.querySelector(sel)?.getAttribute(attr);
    if (
      doc.documentElement.lang !== document.documentElement.lang ||
      !same("link[rel=stylesheet]", "href") ||
      !same("meta[name=edgenet-build]", "content")
    ) {
      return location.assign(res.url);
    }
    document.title = doc.title;
    const token = doc.querySelector("meta[name=csrf-token]");
    document.querySelector("meta[name=csrf-token]")?.setAttribute("content", token?.content ?? "");
    document.body.replaceWith(document.adoptNode(doc.body));
    const url = new URL(res.url);
    // A post answered in place (not redirected) has no address of its own to show.
    if (request.method !== "GET" && !res.redirected) push = "none";
    if (push === "push") history.pushState(null, "", withoutNotice(url));
    else if (push === "replace") history.replaceState(null, "", withoutNotice(url));
    // Focus where a reader of the new page starts: the field the server marked
    // (the first one in error), else the page's main region.
    const target = document.querySelector("[autofocus]") ?? document.getElementById("main");
    window.scrollTo(0, 0);
    target?.focus();
    if (url.hash) document.getElementById(url.hash.slice(1))?.scrollIntoView();
    hydrateIslands();
  }

  const local = (url) => url.origin === location.origin && !url.pathname.startsWith("/api/");

  addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target.closest?.("a[href]");
    if (!a || a.target || a.hasAttribute("download") || a.relList.contains("external")) return;
    const url = new URL(a.href);
    if (!local(url)) return;
    // A link within this page (the skip link): the browser's own behaviour.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    ev.preventDefault();
    go(new Request(url, { headers: { accept: "text/html" } }), "push", () => location.assign(url));
  });

  addEventListener("submit", (ev) => {
    if (ev.defaultPrevented) return;
    const form = ev.target;
    const by = ev.submitter;
    const method = (by?.getAttribute("formmethod") ?? form.method).toUpperCase();
    const url = new URL(by?.hasAttribute("formaction") ? by.formAction : form.action);
    if (form.target || !local(url) || (method !== "GET" && method !== "POST")) return;
    const data = new FormData(form, by);
    let request;
    if (method === "GET") {
      url.search = new URLSearchParams(data);
      request = new Request(url, { headers: { accept: "text/html" } });
    } else {
      const multipart = form.enctype === "multipart/form-data";
      request = new Request(url, {
        method,
        headers: { accept: "text/html" },
        body: multipart ? data : new URLSearchParams(data),
      });
    }
    ev.preventDefault();
    // An answer that is not a page: post the form the ordinary way (submit()
    // fires no submit event, so it is not caught here again).
    go(request, "push", () => form.submit());
  });

  addEventListener("popstate", () =>
    go(new Request(location.href, { headers: { accept: "text/html" } }), "none", () => location.reload()),
  );

  if (new URL(location.href).searchParams.has("notice")) {
    history.replaceState(history.state, "", withoutNotice(location.href));
  }
  hydrateIslands();
});
