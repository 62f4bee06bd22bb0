// Globals of the console's scripts: Chart.js's UMD bundle (served from node_modules) defines `Chart`.
declare const Chart: typeof import('chart.js').Chart;
