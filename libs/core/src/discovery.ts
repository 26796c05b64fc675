import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

export interface DiscoveredMethod<M> {
  meta: M;
  instance: object;
  methodName: string;
  /** The method bound to its provider. */
  call: (...args: never[]) => unknown;
}

/**
 * The one registration mechanism of the platform: a decorator puts metadata on a provider's method
 * (`@JobHandler`, `@NotificationContentFor`, `@OnDomainEvent`) or class (`@ReminderSource`), and the
 * owning registry finds them at boot with these two functions. Nothing registers itself at import time.
 */
export function discoverMethods<M>(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
  key: string,
): DiscoveredMethod<M>[] {
  const found: DiscoveredMethod<M>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
    for (const methodName of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const fn = instance[methodName];
      if (typeof fn !== 'function') continue;
      const meta = reflector.get<M | undefined>(key, fn as () => void);
      if (meta === undefined) continue;
      found.push({ meta, instance, methodName, call: fn.bind(instance) });
    }
  }
  return found;
}

/** Providers whose class carries the metadata `key`, with it. */
export function discoverClasses<M>(
  discovery: DiscoveryService,
  reflector: Reflector,
  key: string,
): Array<{ meta: M; instance: object }> {
  const found: Array<{ meta: M; instance: object }> = [];
  for (const wrapper of discovery.getProviders()) {
    if (!wrapper.metatype || !wrapper.instance) continue;
    const meta = reflector.get<M | undefined>(key, wrapper.metatype as never);
    if (meta !== undefined) found.push({ meta, instance: wrapper.instance as object });
  }
  return found;
}
