import { createApp } from 'vue';
// Importing the package defines <mitid-login> (customElements.define) before Vue renders it.
import 'mitid-login';
import '../../shared/bank.css';
import App from './App.vue';

createApp(App).mount('#app');
