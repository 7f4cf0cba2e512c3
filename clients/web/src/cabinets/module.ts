import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../me.tsx';

/**
 * A menu item; `roles` shows it only to those roles (a page a role cannot use is not offered). The page
 * itself still shows the refusal if opened by URL: the API decides, the menu only avoids dead ends.
 */
export interface NavItem {
  to: string;
  label: string;
  roles?: readonly Role[];
}

/** One role's cabinet: its menu (paths relative to `/<cabinet>/`) and its routes, loaded when first opened. */
export interface CabinetModule {
  nav: readonly NavItem[];
  Routes: LazyExoticComponent<ComponentType>;
}
