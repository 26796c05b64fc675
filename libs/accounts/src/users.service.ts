import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, pageParams, toPage } from '@gv/core';
import { UserListQuery } from './dto/accounts.dto';
import { User } from './entities/user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: UserListQuery): Promise<Page<User>> {
    const { page, pageSize, skip, take } = pageParams(q);
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.community', 'c');
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.q)
      qb.andWhere('(u.name LIKE :q OR u.email LIKE :q)', {
        q: `%${q.q.replace(/[%_\\]/g, '\\$&')}%`,
      });
    const [items, total] = await qb.orderBy('u.id', 'ASC').skip(skip).take(take).getManyAndCount();
    return toPage(items, total, page, pageSize);
  }

  async setLocale(userId: number, locale: 'zh-CN' | 'en'): Promise<void> {
    await this.ds.getRepository(User).update(userId, { locale });
  }

  findById(id: number) {
    return this.ds.getRepository(User).findOne({ where: { id }, relations: { community: true } });
  }
}
