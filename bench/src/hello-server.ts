import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** The baseline: a bare NestJS hello-world on the same machine, same Node, same Express adapter. */
@Controller()
class HelloController {
  @Get()
  hello() {
    return 'ok';
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main() {
  const app = await NestFactory.create(HelloModule, { logger: false });
  await app.listen(Number(process.env['PORT'] ?? 3901), '127.0.0.1');
  process.send?.('ready');
}
void main();
