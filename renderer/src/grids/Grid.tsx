// ag-grid, its styles and its modules, in one place: views import the grid from here, so the grid
// code (most of the app's size) loads with the first view that shows one, not at start.
import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz.css';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

export { AgGridReact } from 'ag-grid-react';
