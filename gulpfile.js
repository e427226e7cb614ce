const { src, dest } = require('gulp');

/** Icons and codex files are not TypeScript: copy them next to the compiled code. */
function buildAssets() {
	return src(['icons/**/*.svg', 'nodes/**/*.json'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:assets'] = buildAssets;
