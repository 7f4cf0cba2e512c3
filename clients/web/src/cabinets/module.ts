import type { ComponentType, LazyExoticComponent } from 'react';

/** One role's cabinet: its menu (paths relative to `/<cabinet>/`) and its routes, loaded when first opened. */
export interface CabinetModule {
  nav: readonly { to: string; label: string }[];
  Routes: LazyExoticComponent<ComponentType>;
}
