import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { REMINDER_SOURCE, ReminderProvider } from './reminder-provider';

/** Every reminder provider: discovered `@ReminderSource()` providers plus those registered by hand. */
@Injectable()
export class ReminderRegistry implements OnModuleInit {
  private readonly providers = new Map<string, ReminderProvider>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      if (this.reflector.get<boolean>(REMINDER_SOURCE, wrapper.metatype as never))
        this.register(wrapper.instance as ReminderProvider);
    }
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
