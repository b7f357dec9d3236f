// Stylesheets and fonts are bundled by Vite; importing them only adds them to the page.
declare module '*.css';
declare module '@fontsource-variable/*';
