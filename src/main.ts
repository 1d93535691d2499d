import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import App from './ui/App.svelte';

mount(App, { target: document.getElementById('app')! });

// Cache the app shell so a second visit works with no network.
if ('serviceWorker' in navigator && import.meta.env.PROD) registerSW({ immediate: true });
