// The door kiosk: a touch keypad, the device's camera streamed to Vigil, and the answer on screen.
// It holds only its door token (from the URL fragment once, then local storage).
'use strict';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'vigil.doorToken';
const FRAME_MS = 125;
const MESSAGES = {
  idle: 'Enter your PIN',
  looking: 'Look at the camera',
  granted: 'Welcome',
  denied: 'Access denied',
  locked_out: 'Locked. Try again later',
};
// A step's prompt, by its first factor (the same words as the door's LCD).
const ASK = { fob: 'Show your card', pin: 'Enter your PIN', finger: 'Place your finger', face: 'Look at the camera' };

let token = '';
let pin = '';
let sending = false;

function takeToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    localStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname);
  }
  return localStorage.getItem(TOKEN_KEY) || '';
}

async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: `Bearer ${token}` } });
  if (res.status === 401) {
    localStorage.removeItem(TOKEN_KEY);
    throw new Error('This door token is not valid (any more).');
  }
  if (!res.ok) throw new Error(`Vigil answered HTTP ${res.status}`);
  return res.json();
}

function show(view) {
  const msg = $('message');
  msg.className = view.state;
  let text = MESSAGES[view.state] || '';
  if (view.state === 'waiting' && view.accept) text = view.accept.map((f) => ASK[f]).filter(Boolean).join(' or ');
  if (view.state === 'granted' && view.name) text = `Welcome, ${view.name}`;
  // Challenge mode: the actions the door asks for, in place of "Look at the camera".
  if (view.state === 'looking' && view.prompt) text = view.prompt;
  if (view.state === 'locked_out' && view.until) text = `Locked. Try again in ${Math.max(1, Math.ceil((view.until - Date.now()) / 1000))} s`;
  if (msg.textContent !== text) msg.textContent = text;
  document.body.dataset.state = view.state;
}

function renderPin() {
  $('pin').textContent = pin ? '\u2022'.repeat(pin.length) : '\u00a0';
}

async function submitPin() {
  const value = pin;
  pin = '';
  renderPin();
  if (!value) return;
  try {
    show(await api('/api/terminal/credential', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ factor: 'pin', value }) }));
  } catch (err) {
    $('camera-state').textContent = `Not sent: ${err.message}`;
  }
}

function press(key) {
  if (key === 'clear') pin = '';
  else if (key === 'ok') return void submitPin();
  else if (pin.length < 12) pin += key;
  renderPin();
}

async function startCamera(video) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480, facingMode: 'user' }, audio: false });
  video.srcObject = stream;
  await video.play();
}

function streamFrames(video) {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  setInterval(() => {
    if (sending || !video.videoWidth) return;
    sending = true;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    ctx.drawImage(video, 0, 0);
    canvas.toBlob(async (blob) => {
      try {
        if (blob) show(await api('/api/terminal/frame', { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: blob }));
      } catch (err) {
        $('camera-state').textContent = `Camera frames not accepted: ${err.message}`;
      } finally {
        sending = false;
      }
    }, 'image/jpeg', 0.8);
  }, FRAME_MS);
}

function showSetup(reason) {
  $('terminal').hidden = true;
  $('setup').hidden = false;
  $('camera-state').textContent = reason || 'Paste the door token from the panel (Doors, kiosk token).';
}

async function run() {
  token = takeToken();
  if (!token) return showSetup();
  const info = await api('/api/terminal');
  $('door').textContent = info.door.name;
  $('setup').hidden = true;
  $('terminal').hidden = false;
  show(info.view);
  $('keys').addEventListener('click', (e) => {
    const key = e.target.closest('button')?.dataset.key;
    if (key) press(key);
  });
  document.addEventListener('keydown', (e) => {
    if (/^[0-9]$/.test(e.key)) press(e.key);
    else if (e.key === 'Enter') press('ok');
    else if (e.key === 'Escape' || e.key === 'Backspace') press('clear');
  });
  const video = $('video');
  if (info.door.takesFrames) {
    try {
      await startCamera(video);
      $('camera-state').textContent = 'Camera on';
      streamFrames(video);
    } catch (err) {
      $('camera-state').textContent = `No camera: ${err.message}`;
    }
  } else {
    video.hidden = true;
    setInterval(() => api('/api/terminal').then((i) => show(i.view), () => {}), 500);
  }
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  localStorage.setItem(TOKEN_KEY, $('token').value.trim());
  run().catch((err) => showSetup(err.message));
});
run().catch((err) => showSetup(err.message));
