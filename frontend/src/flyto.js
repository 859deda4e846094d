// A smooth camera move to a new fit, for a map whose spec asks for one (TRANSITION: the Briefing page's, from step to
// step): deck.gl's FlyToInterpolator zooms out, pans and zooms in over the spec's milliseconds, so a room sees where
// the next view is. The map's first view is taken at once, and so is every view for a reader who asked their
// system for less motion.
import {FlyToInterpolator} from '@deck.gl/core';
import {TRANSITION} from './contract.js';

function lessMotion() {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

// The initialViewState to give deck.gl for a new fit: the view itself, or the view flown to from the current one.
export function flyTo(view, spec, first) {
  const milliseconds = Number(spec[TRANSITION]) || 0;
  if (first || milliseconds <= 0 || lessMotion()) return view;
  return {...view, transitionDuration: milliseconds, transitionInterpolator: new FlyToInterpolator()};
}
