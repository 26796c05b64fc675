module.exports = {
  displayName: 'pabulib',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/domain/pabulib',
};
