import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { discoverClasses } from '@gv/core';
import { REMINDER_SOURCE, ReminderProvider } from './reminder-provider';

/** Every reminder provider: the `@ReminderSource()` providers found at boot (`register`/`unregister` are for tests). */
@Injectable()
export class ReminderRegistry implements OnModuleInit {
  private readonly providers = new Map<string, ReminderProvider>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const { instance } of discoverClasses<boolean>(
      this.discovery,
      this.reflector,
      REMINDER_SOURCE,
    ))
      this.register(instance as ReminderProvider);
  }

  register(provider: ReminderProvider): void {
    const existing = this.providers.get(provider.name);
    if (existing && existing !== provider)
      throw new Error(`two reminder providers are named ${provider.name}`);
    this.providers.set(provider.name, provider);
  }

  unregister(name: string): void {
    this.providers.delete(name);
  }

  all(): ReminderProvider[] {
    return [...this.providers.values()];
  }
}
