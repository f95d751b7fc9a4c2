// Vigil's service worker: shows alerts pushed by Vigil (Web Push) and opens the event on click.
self.addEventListener('push', (event) => {
  let msg = { title: 'Vigil', body: '', path: '/', urgent: false, seq: null, snapshot: null };
  try {
    msg = { ...msg, ...event.data.json() };
  } catch {
    msg.body = event.data ? event.data.text() : '';
  }
  event.waitUntil(
    self.registration.showNotification(msg.title, {
      body: msg.body,
      tag: msg.seq === null ? undefined : `vigil-${msg.seq}`,
      requireInteraction: Boolean(msg.urgent),
      // The door snapshot, fetched with this browser's session like any panel image.
      image: msg.snapshot ? `/api/snapshots/${msg.snapshot}` : undefined,
      data: { path: msg.path },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.path) || '/';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const w of windows) {
        if ('focus' in w) {
          w.navigate(path);
          return w.focus();
        }
      }
      return self.clients.openWindow(path);
    }),
  );
});
