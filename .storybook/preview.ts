import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';

// The docs pages' tables (attributes, properties, events, slots, parts, custom properties) come from here.
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // Violations fail the story in the test run, not just show in the panel.
    a11y: { test: 'error' },
  },
  // Every story has its own `lang` (da and en variants); the toolbar switches them all at once.
  globalTypes: {
    lang: {
      description: 'Language of <mitid-login> in every story',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: '', title: 'As the story says' },
          { value: 'da', title: 'Dansk' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'The theme attribute of <mitid-login> in every story',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: '', title: 'As the story says' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Auto (system)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: '', theme: '' },
};

export default preview;
